import { z } from 'zod';
import { newId } from './ids';
import { currentEventRequest, type EventRequest } from './request-scope';

/**
 * The one event catalog: Stripe's event names, the topic each travels on, and the envelope.
 * Producer (outbox relay) and consumers import these; nobody spells a topic name by hand.
 * Messages are keyed by account, so one account's events stay in order within a topic.
 */
export const TOPICS = {
  customer: 'paygate.customer.v1',
  charge: 'paygate.charge.v1',
  paymentIntent: 'paygate.payment_intent.v1',
  paymentMethod: 'paygate.payment_method.v1',
  refund: 'paygate.refund.v1',
  payout: 'paygate.payout.v1',
  invoice: 'paygate.invoice.v1',
  checkoutSession: 'paygate.checkout_session.v1',
  /** Poison messages a consumer could not handle, parked for a person to look at. */
  parked: 'paygate.parked.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const EVENT_TOPIC = {
  'customer.created': TOPICS.customer,
  'customer.updated': TOPICS.customer,
  'customer.deleted': TOPICS.customer,
  'customer_balance_transaction.created': TOPICS.customer,
  'charge.succeeded': TOPICS.charge,
  'charge.failed': TOPICS.charge,
  'charge.captured': TOPICS.charge,
  'charge.refunded': TOPICS.charge,
  'charge.updated': TOPICS.charge,
  'charge.expired': TOPICS.charge,
  'charge.refund.updated': TOPICS.charge,
  'payment_intent.succeeded': TOPICS.paymentIntent,
  'payment_intent.created': TOPICS.paymentIntent,
  'payment_intent.requires_action': TOPICS.paymentIntent,
  'payment_intent.amount_capturable_updated': TOPICS.paymentIntent,
  'payment_intent.payment_failed': TOPICS.paymentIntent,
  'payment_intent.canceled': TOPICS.paymentIntent,
  'payment_method.attached': TOPICS.paymentMethod,
  'payment_method.detached': TOPICS.paymentMethod,
  'payment_method.updated': TOPICS.paymentMethod,
  'refund.created': TOPICS.refund,
  'refund.updated': TOPICS.refund,
  'refund.failed': TOPICS.refund,
  'payout.created': TOPICS.payout,
  'payout.updated': TOPICS.payout,
  'payout.paid': TOPICS.payout,
  'payout.failed': TOPICS.payout,
  'payout.canceled': TOPICS.payout,
  'payout.reconciliation_completed': TOPICS.payout,
  'invoice.created': TOPICS.invoice,
  'invoice.updated': TOPICS.invoice,
  'invoice.deleted': TOPICS.invoice,
  'invoice.finalized': TOPICS.invoice,
  'invoice.paid': TOPICS.invoice,
  'invoice.payment_failed': TOPICS.invoice,
  'invoice.payment_action_required': TOPICS.invoice,
  'invoice.voided': TOPICS.invoice,
  'invoice.marked_uncollectible': TOPICS.invoice,
  'invoice.sent': TOPICS.invoice,
  'invoiceitem.created': TOPICS.invoice,
  'invoiceitem.updated': TOPICS.invoice,
  'invoiceitem.deleted': TOPICS.invoice,
  'checkout.session.completed': TOPICS.checkoutSession,
  'checkout.session.expired': TOPICS.checkoutSession,
} as const satisfies Record<string, Topic>;

export type EventType = keyof typeof EVENT_TOPIC;

export const ALL_TOPICS: readonly Topic[] = Object.values(TOPICS);

/** `{ id: 'evt_…', object: 'event', type, created, account, data: { object } }` */
export interface EventEnvelope<T = Record<string, unknown>> {
  id: string;
  object: 'event';
  type: EventType;
  created: number;
  account: string;
  livemode: boolean;
  /** *.updated events may carry the changed attributes' earlier values (graph-node keys). */
  data: { object: T; previous_attributes?: Record<string, unknown> };
  /** The API request that caused the event (request-scope.ts); absent in events written before it was recorded. */
  request?: EventRequest;
}

export const eventEnvelopeSchema = z.object({
  id: z.string().regex(/^evt_[0-9A-Za-z]+$/),
  object: z.literal('event'),
  type: z.enum(Object.keys(EVENT_TOPIC) as [EventType, ...EventType[]]),
  created: z.number().int().positive(),
  account: z.string().regex(/^acct_[0-9A-Za-z]+$/),
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()), previous_attributes: z.record(z.string(), z.unknown()).optional() }),
  request: z.object({ id: z.string().nullable(), idempotency_key: z.string().nullable() }).optional(),
});

export function buildEvent<T extends Record<string, unknown>>(
  type: EventType,
  account: string,
  object: T,
  created = Math.floor(Date.now() / 1000),
): EventEnvelope<T> {
  return { id: newId('event'), object: 'event', type, created, account, livemode: false, data: { object }, request: currentEventRequest() };
}

export function topicOf(type: EventType): Topic {
  return EVENT_TOPIC[type];
}
