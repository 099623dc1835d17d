import { formatAmount, PaygateError, type GraphCaller, type GraphClient, type Logger } from '@paygate/chassis';
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { formParams } from '../http/form-body';
import { parseParams } from '../http/params';
import { cardFormErrorOf, parseCardForm, renderCardFields, vaultCard, type CardFormError, type CardFormValues } from './card-form';
import { escapeHtml, renderPage } from './page-layout';

/**
 * The hosted checkout page a session's `url` points at (/c/pay/:id?merchant=…&secret=…). Plain
 * server-rendered HTML, no script: line items, total, email and card. Authorised by the session's
 * id plus its page secret, never a merchant key. A submission puts the card into the charge service's
 * vault, then asks the session service, in one mutation, to pay: that creates (once) and confirms the
 * session's PaymentIntent under the session's lock, so a double submission cannot charge twice.
 */
export const CHECKOUT_PAGE_PATH = '/c/pay';

const access = z.object({
  merchant: z.string().regex(/^acct_[0-9A-Za-z]{8,64}$/),
  secret: z.string().regex(/^cps_[0-9A-Za-z]{8,64}$/),
});
type PageAccess = z.infer<typeof access>;
const SESSION_ID = /^cs_test_[0-9A-Za-z]{8,64}$/;

interface PageSession {
  id: string;
  status: 'open' | 'complete' | 'expired';
  expiresAt: number;
  amountTotal: number;
  currency: string;
  customerEmail: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  submitType: string | null;
  lineItems: { data: { description: string; quantity: number; amountTotal: number; currency: string }[] };
}

const PAGE_SESSION = 'id status expiresAt amountTotal currency customerEmail successUrl cancelUrl submitType lineItems(limit: 100) { data { description quantity amountTotal currency } }';

interface FormState {
  error?: CardFormError | null;
  values?: CardFormValues;
}

const money = (amount: number, currency: string) => escapeHtml(formatAmount({ amount, currency }));

function orderSummary(session: PageSession): string {
  const rows = session.lineItems.data
    .map((line) => `<tr class="line"><td>${escapeHtml(line.description)} × ${line.quantity}</td><td class="amount">${money(line.amountTotal, line.currency)}</td></tr>`)
    .join('');
  return `<table id="line-items">${rows}<tr class="total"><td>Total</td><td class="amount" id="total">${money(session.amountTotal, session.currency)}</td></tr></table>`;
}

function buttonLabel(session: PageSession): string {
  const labels: Record<string, string> = { book: 'Book', donate: 'Donate' };
  return labels[session.submitType ?? ''] ?? `Pay ${formatAmount({ amount: session.amountTotal, currency: session.currency })}`;
}

const backLink = (session: PageSession) => (session.cancelUrl ? `<p><a id="back" href="${escapeHtml(session.cancelUrl)}">← Back</a></p>` : '');

function checkoutForm(session: PageSession, pass: PageAccess, state: FormState): string {
  const hidden = Object.entries(pass).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`).join('');
  const values = { email: session.customerEmail, ...state.values };
  return renderPage(
    'Checkout',
    `${backLink(session)}<h1>Checkout</h1>${orderSummary(session)}
<form method="post" action="${CHECKOUT_PAGE_PATH}/${escapeHtml(session.id)}" novalidate>${hidden}
${renderCardFields({ values, error: state.error ?? null })}
<div class="actions"><button id="submit" class="primary" type="submit">${escapeHtml(buttonLabel(session))}</button></div></form>`,
  );
}

function closedPage(session: PageSession): string {
  if (session.status === 'complete') {
    const next = session.successUrl ? `<p><a id="continue" href="${escapeHtml(session.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', session.id))}">Continue</a></p>` : '';
    return renderPage('Payment complete', `<h1 id="result">Payment complete</h1><p>This order has been paid.</p>${orderSummary(session)}${next}`);
  }
  return renderPage('Checkout expired', `<h1 id="result">This checkout session has expired</h1><p>Return to the store to start again.</p>${backLink(session)}`);
}

const isOpen = (session: PageSession) => session.status === 'open' && session.expiresAt > Math.floor(Date.now() / 1000);

const unavailable = (message: string) => renderPage('Checkout unavailable', `<h1>Checkout unavailable</h1><p id="error">${escapeHtml(message)}</p>`);

/** Said when the payment could not be finished for a reason of ours: the buyer may retry, and no retry pays twice. */
const TRY_AGAIN = 'We could not process your payment just now. Please try again in a moment; you will not be charged twice.';

export function mountCheckoutPage(app: Express, graph: GraphClient, logger: Logger, bodyLimitBytes: number): void {
  const caller = (pass: PageAccess, res: Response): GraphCaller => ({ account: pass.merchant, keyType: 'publishable', requestId: String(res.locals.requestId) });
  const load = async (id: string, pass: PageAccess, res: Response) =>
    (await graph.execute<{ checkoutSession: PageSession }>(`query($id: ID!, $secret: String) { checkoutSession(id: $id, secret: $secret) { ${PAGE_SESSION} } }`, { id, secret: pass.secret }, caller(pass, res)))
      .checkoutSession;
  const send = (res: Response, status: number, html: string) => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'" });
    res.status(status).type('html').send(html);
  };
  const showSession = (res: Response, session: PageSession, pass: PageAccess, status = 200, state: FormState = {}) =>
    send(res, isOpen(session) ? status : 200, isOpen(session) ? checkoutForm(session, pass, state) : closedPage(session));

  const pageError = (err: unknown, res: Response) => {
    if (err instanceof PaygateError && err.code === 'resource_missing') return send(res, 404, unavailable('This checkout page does not exist or its link is incomplete.'));
    if (err instanceof PaygateError) return send(res, 400, unavailable(err.message));
    logger.error({ err, request_id: res.locals.requestId }, 'checkout page unavailable');
    return send(res, 503, unavailable(TRY_AGAIN));
  };

  /** A payment that did not go through: the decline on the form (402), else the session as it now is. */
  const paymentFailed = async (err: unknown, req: Request, res: Response, pass: PageAccess, values: CardFormValues) => {
    const id = String(req.params.id);
    const cardError = cardFormErrorOf(err);
    if (!(err instanceof PaygateError)) logger.error({ err, request_id: res.locals.requestId, checkoutSession: id }, 'checkout payment failed');
    try {
      const session = await load(id, pass, res);
      if (cardError) return showSession(res, session, pass, 402, { error: cardError, values });
      const message = err instanceof PaygateError ? err.message : TRY_AGAIN;
      return showSession(res, session, pass, err instanceof PaygateError ? 400 : 503, { error: { field: null, message }, values });
    } catch (reload) {
      return pageError(reload, res);
    }
  };

  const handle = (work: (req: Request, res: Response, pass: PageAccess) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!SESSION_ID.test(String(req.params.id))) return send(res, 404, unavailable('This checkout page does not exist or its link is incomplete.'));
      const pass = parseParams(access, res.locals.params);
      await work(req, res, { merchant: pass.merchant, secret: pass.secret });
    } catch (err) {
      if (res.headersSent) return next(err);
      pageError(err, res);
    }
  };

  app.get(`${CHECKOUT_PAGE_PATH}/:id`, formParams(bodyLimitBytes), handle(async (req, res, pass) => showSession(res, await load(String(req.params.id), pass, res), pass)));

  app.post(
    `${CHECKOUT_PAGE_PATH}/:id`,
    formParams(bodyLimitBytes),
    handle(async (req, res, pass) => {
      const id = String(req.params.id);
      const posted = parseCardForm(res.locals.params as Record<string, unknown>);
      if (!posted.ok) return showSession(res, await load(id, pass, res), pass, 400, { error: posted.error, values: posted.values });
      const values = { email: posted.card.email, name: posted.card.name };
      try {
        const paymentMethod = await vaultCard(graph, caller(pass, res), posted.card);
        const data = await graph.execute<{ completeCheckoutSession: { redirectUrl: string } }>(
          'mutation($id: ID!, $secret: String!, $input: CheckoutSessionCompleteInput!) { completeCheckoutSession(id: $id, secret: $secret, input: $input) { redirectUrl } }',
          { id, secret: pass.secret, input: { paymentMethod, email: posted.card.email, name: posted.card.name } },
          caller(pass, res),
        );
        res.redirect(303, data.completeCheckoutSession.redirectUrl);
      } catch (err) {
        await paymentFailed(err, req, res, pass, values);
      }
    }),
  );

  // The hosted 3-D Secure page returns here (return_url); the session completes if its intent succeeded.
  app.get(
    `${CHECKOUT_PAGE_PATH}/:id/return`,
    formParams(bodyLimitBytes),
    handle(async (req, res, pass) => {
      const id = String(req.params.id);
      try {
        const data = await graph.execute<{ resumeCheckoutSession: { redirectUrl: string } }>(
          'mutation($id: ID!, $secret: String!) { resumeCheckoutSession(id: $id, secret: $secret) { redirectUrl } }',
          { id, secret: pass.secret },
          caller(pass, res),
        );
        res.redirect(303, data.resumeCheckoutSession.redirectUrl);
      } catch (err) {
        await paymentFailed(err, req, res, pass, {});
      }
    }),
  );
}
