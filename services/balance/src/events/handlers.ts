import { TOPICS, type EventHandler, type EventType } from '@paygate/chassis';
import type { BalanceTx } from '../db/client';
import { bookCapturedCharge } from './captured-charge';

/** The ledger's subscriptions: one handler file per event type. */
export const BALANCE_TOPICS = [TOPICS.charge];

export const BALANCE_HANDLERS: Partial<Record<EventType, EventHandler<BalanceTx>>> = {
  'charge.succeeded': bookCapturedCharge,
  'charge.captured': bookCapturedCharge,
};
