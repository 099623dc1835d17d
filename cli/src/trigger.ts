import Stripe from 'stripe';
import { apiUrl } from './config';
import { CliError, usageError } from './errors';

/**
 * `paygate trigger <event>`: makes, through the REST API (the official SDK), the objects whose life
 * produces that event, as Stripe's CLI fixtures do. Amounts are integer minor units (2000 = $20.00).
 */
export interface TriggerContext {
  stripe: Stripe;
  base: URL;
  key: string;
  out: (line: string) => void;
}

type Fixture = (ctx: TriggerContext, step: Step) => Promise<void>;
type Step = <T extends { id?: string | null }>(name: string, run: () => Promise<T>) => Promise<T>;

const AMOUNT = 2000;
const PAYOUT_AMOUNT = 1000;
const CURRENCY = 'usd';
const metadata = { created_by: 'paygate trigger' };

/** The test card a buyer types into the hosted checkout page (Stripe's 4242…, approves). Never printed. */
const PAGE_CARD = { number: '4242424242424242', cvc: '123' };

const FIXTURES: Record<string, Fixture> = {
  'customer.created': async (_ctx, step) => {
    await customer(_ctx, step);
  },
  'payment_intent.succeeded': async (ctx, step) => {
    await step('payment_intent', () => ctx.stripe.paymentIntents.create({ amount: AMOUNT, currency: CURRENCY, payment_method: 'pm_card_visa', confirm: true, metadata }));
  },
  'payment_intent.payment_failed': async (ctx, step) => {
    const intent = await step('payment_intent', () => ctx.stripe.paymentIntents.create({ amount: AMOUNT, currency: CURRENCY, metadata }));
    await step('payment_intent_confirm (declined card)', async () => {
      try {
        await ctx.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' });
      } catch (err) {
        if (err instanceof Stripe.errors.StripeCardError) return { id: `${intent.id} (${err.code ?? 'card_declined'}, as intended)` };
        throw err;
      }
      throw new CliError(`${intent.id} was not declined`);
    });
  },
  'charge.succeeded': async (ctx, step) => {
    await step('charge', () => ctx.stripe.charges.create({ amount: AMOUNT, currency: CURRENCY, source: 'tok_visa', metadata }));
  },
  'charge.captured': async (ctx, step) => {
    const charge = await step('charge (uncaptured)', () => ctx.stripe.charges.create({ amount: AMOUNT, currency: CURRENCY, source: 'tok_visa', capture: false, metadata }));
    await step('charge_capture', () => ctx.stripe.charges.capture(charge.id));
  },
  'charge.refunded': async (ctx, step) => {
    const intent = await step('payment_intent', () => ctx.stripe.paymentIntents.create({ amount: AMOUNT, currency: CURRENCY, payment_method: 'pm_card_visa', confirm: true, metadata }));
    await step('refund', () => ctx.stripe.refunds.create({ payment_intent: intent.id, metadata }));
  },
  'checkout.session.completed': async (ctx, step) => {
    const session = await step('checkout_session', () =>
      ctx.stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price_data: { currency: CURRENCY, unit_amount: AMOUNT, product_data: { name: 'T-shirt' } }, quantity: 1 }],
        success_url: 'https://example.com/success?session_id={CHECKOUT_SESSION_ID}',
        cancel_url: 'https://example.com/cancel',
        customer_email: 'buyer@example.com',
        metadata,
      }),
    );
    await step('checkout_session_payment (hosted page)', async () => {
      await payOnHostedPage(session);
      return { id: session.id };
    });
  },
  'invoice.paid': async (ctx, step) => {
    const buyer = await customer(ctx, step);
    const card = await step('payment_method', () => ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: buyer.id }));
    await step('invoiceitem', () => ctx.stripe.invoiceItems.create({ customer: buyer.id, amount: AMOUNT, currency: CURRENCY, description: '(created by paygate trigger)', metadata }));
    const invoice = await step('invoice', () => ctx.stripe.invoices.create({ customer: buyer.id, pending_invoice_items_behavior: 'include', auto_advance: false, metadata }));
    await step('invoice_finalize', () => ctx.stripe.invoices.finalizeInvoice(invoice.id!));
    await step('invoice_pay', () => ctx.stripe.invoices.pay(invoice.id!, { payment_method: card.id }));
  },
  'payout.paid': async (ctx, step) => {
    // The payout must fit the available balance (fees, or refunds of earlier triggers, may have used it):
    // top it up with charges whose funds are available at once (tok_bypassPending), booked by the ledger a moment later.
    for (let round = 0; ; round++) {
      const available = (await ctx.stripe.balance.retrieve()).available.find((b) => b.currency === CURRENCY)?.amount ?? 0;
      if (available >= PAYOUT_AMOUNT) break;
      if (round === 3) throw new CliError(`the available ${CURRENCY} balance is still ${available} after 3 charges: is the balance service booking them?`);
      const amount = Math.max(AMOUNT, Math.ceil(((PAYOUT_AMOUNT - available) * 11) / 10) + 100);
      const charge = await step('charge (funds available at once)', () => ctx.stripe.charges.create({ amount, currency: CURRENCY, source: 'tok_bypassPending', metadata }));
      await step('balance_transaction (booked by the ledger)', async () => {
        const deadline = Date.now() + 45_000;
        for (;;) {
          const [entry] = (await ctx.stripe.balanceTransactions.list({ source: charge.id, limit: 1 })).data;
          if (entry) return entry;
          if (Date.now() > deadline) throw new CliError(`the ledger has not booked ${charge.id} after 45 s: is the balance service running?`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      });
    }
    const payout = await step('payout (instant)', () => ctx.stripe.payouts.create({ amount: PAYOUT_AMOUNT, currency: CURRENCY, method: 'instant', metadata }));
    await step('payout_advance (test clock)', async () => {
      await advancePayouts(ctx);
      const now = await ctx.stripe.payouts.retrieve(payout.id);
      if (now.status !== 'paid') throw new CliError(`${payout.id} is ${now.status}, not paid`);
      return { id: `${payout.id} paid` };
    });
  },
};

export const TRIGGER_EVENTS: readonly string[] = Object.keys(FIXTURES).sort();

function customer(ctx: TriggerContext, step: Step) {
  return step('customer', () => ctx.stripe.customers.create({ name: 'Jenny Rosen', email: 'jenny.rosen@example.com', description: '(created by paygate trigger)', metadata }));
}

/** Moves the caller's payouts along their schedule as of now (the payout service's test clock, over /graphql). */
async function advancePayouts(ctx: TriggerContext): Promise<void> {
  const res = await fetch(apiUrl(ctx.base, '/graphql'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${ctx.key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { advancePayouts }' }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => null)) as { errors?: { message: string }[]; error?: { message: string } } | null;
  if (!res.ok || !body || body.errors?.length) throw new CliError(`advancePayouts: ${body?.errors?.[0]?.message ?? body?.error?.message ?? `HTTP ${res.status}`}`);
}

const decodeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[entity]!);

/** The checkout form's action and hidden fields, read from the page as a browser would. */
export function readCheckoutForm(html: string, pageUrl: string): { action: URL; hidden: Record<string, string> } {
  const form = /<form\b[^>]*\bmethod="post"[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new CliError('the hosted checkout page shows no payment form (is the session still open?)');
  const hidden: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const tag = input[0];
    if (!/\btype="hidden"/i.test(tag)) continue;
    const name = /\bname="([^"]*)"/i.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(tag)?.[1] ?? '';
    if (name) hidden[decodeHtml(name)] = decodeHtml(value);
  }
  return { action: new URL(decodeHtml(form[1]!), pageUrl), hidden };
}

/** Opens the session's hosted page and submits its card form (form-encoded, as a browser posts it); a 303 is the payment done. */
async function payOnHostedPage(session: Stripe.Checkout.Session): Promise<void> {
  if (!session.url) throw new CliError(`${session.id} has no url`);
  const page = await fetch(session.url, { signal: AbortSignal.timeout(30_000) });
  if (!page.ok) throw new CliError(`GET the hosted checkout page: HTTP ${page.status}`);
  const { action, hidden } = readCheckoutForm(await page.text(), session.url);
  const year = (new Date().getFullYear() + 5) % 100;
  const form = new URLSearchParams({
    ...hidden,
    email: session.customer_email ?? 'buyer@example.com',
    cardholder_name: 'Jenny Rosen',
    card_number: PAGE_CARD.number,
    card_expiry: `12 / ${String(year).padStart(2, '0')}`,
    card_cvc: PAGE_CARD.cvc,
  });
  const res = await fetch(action, { method: 'POST', body: form, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  if (res.status === 303 || res.status === 302) return;
  const shown = /<p id="card-errors"[^>]*>([^<]*)<\/p>/.exec(await res.text())?.[1];
  throw new CliError(`the hosted checkout page refused the payment (HTTP ${res.status})${shown ? `: ${decodeHtml(shown)}` : ''}`);
}

/** Runs the fixture of `event`, printing each object it makes; Stripe errors become the CLI's exit 1. */
export async function trigger(event: string, ctx: TriggerContext): Promise<void> {
  const fixture = FIXTURES[event];
  if (!fixture) throw usageError(`unsupported event type '${event}'. Supported:\n  ${TRIGGER_EVENTS.join('\n  ')}`);
  const step: Step = async (name, run) => {
    ctx.out(`Setting up fixture for: ${name}`);
    const made = await run();
    ctx.out(`Running fixture for: ${name} → ${made.id ?? '(done)'}`);
    return made;
  };
  try {
    await fixture(ctx, step);
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof Stripe.errors.StripeConnectionError) throw new CliError(`Trigger failed: cannot reach ${ctx.base.origin}`);
    if (err instanceof Stripe.errors.StripeError) throw new CliError(`Trigger failed: ${err.message}`);
    throw new CliError(`Trigger failed: ${(err as Error).message}`);
  }
  ctx.out('Trigger succeeded! Check the events with GET /v1/events, or watch them with paygate listen.');
}
