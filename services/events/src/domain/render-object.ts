import { chargeObject } from '@paygate/rest-edge/src/objects/charge';
import { checkoutSessionObject } from '@paygate/rest-edge/src/objects/checkout-session';
import { customerObject } from '@paygate/rest-edge/src/objects/customer';
import { customerBalanceTransactionObject } from '@paygate/rest-edge/src/objects/customer-balance-transaction';
import { invoiceObject } from '@paygate/rest-edge/src/objects/invoice';
import { invoiceItemObject } from '@paygate/rest-edge/src/objects/invoice-item';
import { paymentIntentObject } from '@paygate/rest-edge/src/objects/payment-intent';
import { paymentMethodObject } from '@paygate/rest-edge/src/objects/payment-method';
import { payoutObject } from '@paygate/rest-edge/src/objects/payout';
import { refundObject } from '@paygate/rest-edge/src/objects/refund';
import { renderObject, type StripeObject } from '@paygate/rest-edge/src/objects/stripe-object';
import { toStripeShape } from '@paygate/rest-edge/src/http/wire';

/**
 * An outbox payload → the Stripe JSON a GET of the object returns, through the edge's own object
 * layer (one renderer per object, shared with the REST routes). A payload is the producer's graph
 * node with other objects as ids (`customer: 'cus_…'`, `balanceTransactionId: 'txn_…'`) where the
 * graph has references; nodeOfPayload turns those into the `{ id }` the renderers take, unexpanded,
 * as a GET without expand[] shows them.
 *
 * What payloads lack, and where it comes from instead (the events service's own snapshots of what
 * it has seen, never another service's tables):
 *   - a charge's amount_refunded, refunded and refunds (the refund service's): from the last
 *     charge.refunded seen and the refunds seen for that charge;
 *   - charge.refunded itself carries only { id, amount, amountRefunded, refunded }: the rest of the
 *     charge is its last snapshot.
 * Known gap: charge.refunded travels on the charge topic and refund.created on the refund topic, so
 * the refund a charge.refunded reports may not be stored yet when it is rendered; its refunds list
 * then lacks that refund (amount_refunded and refunded are exact, from the producer).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const OBJECTS: Readonly<Record<string, StripeObject<any>>> = {
  charge: chargeObject,
  'checkout.session': checkoutSessionObject,
  customer: customerObject,
  customer_balance_transaction: customerBalanceTransactionObject,
  invoice: invoiceObject,
  invoiceitem: invoiceItemObject,
  payment_intent: paymentIntentObject,
  payment_method: paymentMethodObject,
  payout: payoutObject,
  refund: refundObject,
};

export type StripeJson = Record<string, unknown>;

/** The refunds a charge embeds (Stripe embeds the newest ten) and how many there are. */
export const EMBEDDED_REFUNDS = 10;

/** What rendering an event may read besides its payload: the events service's snapshots. */
export interface RenderContext {
  /** The object's last snapshot before this event, if any. */
  previous: StripeJson | null;
  /** For a charge: its refunds seen so far, newest first (at most EMBEDDED_REFUNDS), and their count. */
  refunds: { data: StripeJson[]; totalCount: number } | null;
}

export interface RenderedData {
  object: StripeJson;
  previous_attributes?: StripeJson;
}

/** A pm_… is a PaymentMethod the graph resolves; a legacy card_… shows as null (the charge service's resolvers). */
const paymentMethodRef = (id: unknown) => (typeof id === 'string' && id.startsWith('pm_') ? { id } : null);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function nodeOfPayload(object: StripeObject<any>, payload: StripeJson): StripeJson {
  const node: StripeJson = { ...payload };
  for (const { field } of Object.values(object.expandable)) {
    const value = payload[field] !== undefined ? payload[field] : payload[`${field}Id`];
    node[field] = typeof value === 'string' ? { id: value } : (value ?? null);
  }
  // Invoice payloads carry no lines (the graph resolves them separately): the invoice renders without
  // them until its producer adds them to the event.
  if (object === invoiceObject && payload.lines === undefined) node.lines = { hasMore: false, totalCount: 0, data: [] };
  if (object === paymentIntentObject) {
    node.paymentMethod = paymentMethodRef(payload.paymentMethod);
    const error = payload.lastPaymentError as StripeJson | null | undefined;
    if (error) node.lastPaymentError = { ...error, paymentMethod: paymentMethodRef(error.paymentMethod) };
  }
  return node;
}

/** The id a snapshot of this object hangs under: a refund's charge (a charge embeds its refunds). */
export function parentOf(payload: StripeJson): string | null {
  return payload.object === 'refund' && typeof payload.charge === 'string' ? payload.charge : null;
}

function refundList(chargeId: string, refunds: RenderContext['refunds']): StripeJson {
  const data = refunds?.data ?? [];
  return { object: 'list', data, has_more: (refunds?.totalCount ?? 0) > data.length, total_count: refunds?.totalCount ?? 0, url: `/v1/charges/${chargeId}/refunds` };
}

/** A charge as its refunds leave it: the refunded amounts known so far, and the refunds seen. */
function withRefunds(charge: StripeJson, refunded: { amount_refunded: unknown; refunded: unknown }, context: RenderContext): StripeJson {
  return { ...charge, amount_refunded: refunded.amount_refunded ?? 0, refunded: refunded.refunded ?? false, refunds: refundList(String(charge.id), context.refunds) };
}

/** charge.refunded from the refund service is a summary, not a charge node. */
export const isRefundSummary = (payload: StripeJson) => payload.object === 'charge' && payload.paymentMethodDetails === undefined;

/** The Stripe JSON of an event's object. Throws for an object type no renderer knows. */
export function renderEventObject(payload: StripeJson, context: RenderContext): StripeJson {
  const kind = String(payload.object);
  if (kind === 'charge' && isRefundSummary(payload)) {
    const base = context.previous ?? { id: payload.id, object: 'charge', amount: payload.amount };
    return withRefunds(base, { amount_refunded: payload.amountRefunded, refunded: payload.refunded }, context);
  }
  const object = OBJECTS[kind];
  if (!object) throw new Error(`no Stripe object renders '${kind}'`);
  const rendered = renderObject(object, nodeOfPayload(object, payload));
  if (kind === 'charge') {
    const previous = context.previous ?? { amount_refunded: 0, refunded: false };
    return withRefunds(rendered, { amount_refunded: previous.amount_refunded, refunded: previous.refunded }, context);
  }
  return rendered;
}

/**
 * Stripe's data.previous_attributes of a *.updated event: the producer's own (graph-node keys, turned
 * to Stripe's), or else the top-level attributes that differ from the object's last snapshot.
 */
export function previousAttributes(type: string, fromPayload: StripeJson | undefined, object: StripeJson, previous: StripeJson | null): StripeJson | undefined {
  if (!type.endsWith('.updated')) return undefined;
  if (fromPayload) return toStripeShape<StripeJson>(fromPayload);
  if (!previous) return undefined;
  const changed: StripeJson = {};
  for (const [key, value] of Object.entries(previous)) {
    if (JSON.stringify(value) !== JSON.stringify(object[key])) changed[key] = value;
  }
  return Object.keys(changed).length > 0 ? changed : undefined;
}

export function renderEventData(type: string, payload: StripeJson, fromPayload: StripeJson | undefined, context: RenderContext): RenderedData {
  const object = renderEventObject(payload, context);
  const previous_attributes = previousAttributes(type, fromPayload, object, context.previous);
  return previous_attributes ? { object, previous_attributes } : { object };
}
