import { formatAmount, PaygateError, type GraphCaller, type GraphClient, type Logger } from '@paygate/chassis';
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { formParams } from '../http/form-body';
import { parseParams } from '../http/params';
import { cardFormErrorOf, parseCardForm, renderCardFields, vaultCard, type CardFormError, type CardFormValues } from './card-form';
import { escapeHtml, renderPage } from './page-layout';

/**
 * The hosted invoice page an invoice's `hosted_invoice_url` points at (/i/:id?merchant=…&secret=…).
 * Plain server-rendered HTML, no script: the number, lines, totals, what is due and the status, and,
 * while something is left to pay, a card form. Authorised by the invoice id plus its secret, never a
 * merchant key. A submission puts the card into the charge service's vault, then asks the invoice
 * service, in one mutation, to pay: the same pay protocol as POST /v1/invoices/:id/pay, whose attempt
 * numbering makes a double submission ask for one PaymentIntent. A card that needs 3-D Secure goes to
 * the hosted authentication page and comes back to /i/:id/return.
 */
export const INVOICE_PAGE_PATH = '/i';

const access = z.object({
  merchant: z.string().regex(/^acct_[0-9A-Za-z]{8,64}$/),
  secret: z.string().regex(/^insec_[0-9A-Za-z]{8,64}$/),
});
type PageAccess = z.infer<typeof access>;
const INVOICE_ID = /^in_[0-9A-Za-z]{8,64}$/;

interface PageInvoice {
  id: string;
  number: string | null;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  currency: string;
  description: string | null;
  customerName: string | null;
  customerEmail: string | null;
  dueDate: number | null;
  subtotal: number;
  total: number;
  startingBalance: number;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  hostedInvoiceUrl: string | null;
  lines: { hasMore: boolean; data: { description: string | null; quantity: number; amount: number; currency: string }[] };
}

const PAGE_INVOICE = `id number status currency description customerName customerEmail dueDate subtotal total startingBalance amountDue amountPaid
  amountRemaining hostedInvoiceUrl lines(limit: 100) { hasMore data { description quantity amount currency } }`;
const PAYMENT = `invoice { ${PAGE_INVOICE} } redirectUrl declineMessage`;

interface Payment {
  invoice: PageInvoice;
  redirectUrl: string | null;
  declineMessage: string | null;
}

interface FormState {
  error?: CardFormError | null;
  values?: CardFormValues;
}

const money = (amount: number, currency: string) => escapeHtml(formatAmount({ amount, currency }));
const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);
const payable = (invoice: PageInvoice) => (invoice.status === 'open' || invoice.status === 'uncollectible') && invoice.amountRemaining > 0;

function summary(invoice: PageInvoice): string {
  const { currency } = invoice;
  const row = (label: string, amount: number, id: string, cls = '') => `<tr class="${cls}"><td>${label}</td><td class="amount" id="${id}">${money(amount, currency)}</td></tr>`;
  const lines = invoice.lines.data
    .map((line) => `<tr class="line"><td>${escapeHtml(line.description ?? 'Invoice item')} × ${line.quantity}</td><td class="amount">${money(line.amount, line.currency)}</td></tr>`)
    .join('');
  const more = invoice.lines.hasMore ? '<tr><td colspan="2">…and more lines</td></tr>' : '';
  const credit = invoice.startingBalance !== 0 ? row('Applied balance', invoice.startingBalance, 'applied-balance') : '';
  return `<table id="lines">${lines}${more}${row('Subtotal', invoice.subtotal, 'subtotal')}${row('Total', invoice.total, 'total', 'total')}${credit}
${row('Amount paid', invoice.amountPaid, 'amount-paid')}${row('Amount due', invoice.amountRemaining, 'amount-due', 'total')}</table>`;
}

function heading(invoice: PageInvoice): string {
  const due = invoice.dueDate ? `<p>Due <span id="due-date">${day(invoice.dueDate)}</span></p>` : '';
  const billed = invoice.customerName ?? invoice.customerEmail;
  return `<h1>Invoice <span id="number">${escapeHtml(invoice.number ?? invoice.id)}</span></h1>
<p>Status: <strong id="status">${escapeHtml(invoice.status)}</strong></p>${billed ? `<p>Billed to ${escapeHtml(billed)}</p>` : ''}${due}
${invoice.description ? `<p>${escapeHtml(invoice.description)}</p>` : ''}`;
}

function invoicePage(invoice: PageInvoice, pass: PageAccess, state: FormState = {}): string {
  const title = `Invoice ${invoice.number ?? invoice.id}`;
  if (!payable(invoice)) {
    const outcome =
      invoice.status === 'paid' ? '<h2 id="result">This invoice has been paid.</h2>' : invoice.status === 'void' ? '<h2 id="result">This invoice was voided.</h2>' : '';
    return renderPage(title, `${heading(invoice)}${summary(invoice)}${outcome}`);
  }
  const hidden = Object.entries(pass).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`).join('');
  return renderPage(
    title,
    `${heading(invoice)}${summary(invoice)}
<form method="post" action="${INVOICE_PAGE_PATH}/${escapeHtml(invoice.id)}" novalidate>${hidden}
${renderCardFields({ email: false, values: state.values ?? {}, error: state.error ?? null })}
<div class="actions"><button id="submit" class="primary" type="submit">Pay ${money(invoice.amountRemaining, invoice.currency)}</button></div></form>`,
  );
}

const unavailable = (message: string) => renderPage('Invoice unavailable', `<h1>Invoice unavailable</h1><p id="error">${escapeHtml(message)}</p>`);

/** Said when the payment could not be finished for a reason of ours: the payer may retry, and no retry pays twice. */
const TRY_AGAIN = 'We could not process your payment just now. Please try again in a moment; you will not be charged twice.';

/** Where the 3-D Secure page sends the payer back: this page's /return, with the same access. */
function returnUrlOf(invoice: PageInvoice): string {
  const url = new URL(invoice.hostedInvoiceUrl!);
  url.pathname = `${url.pathname}/return`;
  return url.toString();
}

export function mountInvoicePage(app: Express, graph: GraphClient, logger: Logger, bodyLimitBytes: number): void {
  const caller = (pass: PageAccess, res: Response): GraphCaller => ({ account: pass.merchant, keyType: 'publishable', requestId: String(res.locals.requestId) });
  const load = async (id: string, pass: PageAccess, res: Response) =>
    (await graph.execute<{ hostedInvoice: PageInvoice }>(`query($id: ID!, $secret: String!) { hostedInvoice(id: $id, secret: $secret) { ${PAGE_INVOICE} } }`, { id, secret: pass.secret }, caller(pass, res)))
      .hostedInvoice;
  const send = (res: Response, status: number, html: string) => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'" });
    res.status(status).type('html').send(html);
  };

  const pageError = (err: unknown, res: Response) => {
    if (err instanceof PaygateError && err.code === 'resource_missing') return send(res, 404, unavailable('This invoice page does not exist or its link is incomplete.'));
    if (err instanceof PaygateError) return send(res, 400, unavailable(err.message));
    logger.error({ err, request_id: res.locals.requestId }, 'invoice page unavailable');
    return send(res, 503, unavailable(TRY_AGAIN));
  };

  /** What a payment attempt leaves: off to 3-D Secure, the decline on the form (402), or back to the page (paid). */
  const afterPayment = (res: Response, payment: Payment, pass: PageAccess) => {
    if (payment.redirectUrl) return res.redirect(303, payment.redirectUrl);
    if (payment.declineMessage && payable(payment.invoice)) return send(res, 402, invoicePage(payment.invoice, pass, { error: { field: null, message: payment.declineMessage } }));
    return res.redirect(303, payment.invoice.hostedInvoiceUrl!);
  };

  /** A card the vault refused, or a payment that could not be made: shown on the form with the invoice as it now is. */
  const paymentFailed = async (err: unknown, id: string, res: Response, pass: PageAccess, values: CardFormValues) => {
    const cardError = cardFormErrorOf(err);
    if (!(err instanceof PaygateError)) logger.error({ err, request_id: res.locals.requestId, invoice: id }, 'invoice payment failed');
    try {
      const invoice = await load(id, pass, res);
      if (!payable(invoice)) return send(res, 200, invoicePage(invoice, pass));
      if (cardError) return send(res, 402, invoicePage(invoice, pass, { error: cardError, values }));
      const message = err instanceof PaygateError ? err.message : TRY_AGAIN;
      return send(res, err instanceof PaygateError ? 400 : 503, invoicePage(invoice, pass, { error: { field: null, message }, values }));
    } catch (reload) {
      return pageError(reload, res);
    }
  };

  const handle = (work: (id: string, res: Response, pass: PageAccess) => Promise<unknown>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const id = String(req.params.id);
      if (!INVOICE_ID.test(id)) return send(res, 404, unavailable('This invoice page does not exist or its link is incomplete.'));
      const pass = parseParams(access, res.locals.params);
      await work(id, res, { merchant: pass.merchant, secret: pass.secret });
    } catch (err) {
      if (res.headersSent) return next(err);
      pageError(err, res);
    }
  };

  app.get(`${INVOICE_PAGE_PATH}/:id`, formParams(bodyLimitBytes), handle(async (id, res, pass) => send(res, 200, invoicePage(await load(id, pass, res), pass))));

  app.post(
    `${INVOICE_PAGE_PATH}/:id`,
    formParams(bodyLimitBytes),
    handle(async (id, res, pass) => {
      const posted = parseCardForm(res.locals.params as Record<string, unknown>, { email: false });
      const invoice = await load(id, pass, res);
      if (!payable(invoice)) return send(res, 200, invoicePage(invoice, pass));
      if (!posted.ok) return send(res, 400, invoicePage(invoice, pass, { error: posted.error, values: posted.values }));
      try {
        const paymentMethod = await vaultCard(graph, caller(pass, res), posted.card);
        const data = await graph.execute<{ payInvoiceFromHostedPage: Payment }>(
          `mutation($id: ID!, $secret: String!, $paymentMethod: String!, $returnUrl: String!) {
            payInvoiceFromHostedPage(id: $id, secret: $secret, paymentMethod: $paymentMethod, returnUrl: $returnUrl) { ${PAYMENT} } }`,
          { id, secret: pass.secret, paymentMethod, returnUrl: returnUrlOf(invoice) },
          caller(pass, res),
        );
        return afterPayment(res, data.payInvoiceFromHostedPage, pass);
      } catch (err) {
        return paymentFailed(err, id, res, pass, { name: posted.card.name });
      }
    }),
  );

  // The hosted 3-D Secure page returns here (return_url): the attempt in flight is asked for again and recorded.
  app.get(
    `${INVOICE_PAGE_PATH}/:id/return`,
    formParams(bodyLimitBytes),
    handle(async (id, res, pass) => {
      try {
        const data = await graph.execute<{ refreshHostedInvoicePayment: Payment }>(
          `mutation($id: ID!, $secret: String!) { refreshHostedInvoicePayment(id: $id, secret: $secret) { ${PAYMENT} } }`,
          { id, secret: pass.secret },
          caller(pass, res),
        );
        return afterPayment(res, data.refreshHostedInvoicePayment, pass);
      } catch (err) {
        return paymentFailed(err, id, res, pass, {});
      }
    }),
  );
}
