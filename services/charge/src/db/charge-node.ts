import type { ChargeOutcome } from '../domain/authorize';
import type { Address } from '../domain/billing-details';
import { NO_CHECKS, type CardDetails } from '../domain/card-details';
import { isPaid, wireChargeStatus, type ChargeStatus, type StripeChargeStatus } from '../domain/charge-status';
import { calculatedStatementDescriptor } from '../domain/payment-params';
import type { Charge as ChargeRow } from './generated/client';

export interface ThreeDSecureResult {
  authenticationFlow: 'challenge' | 'frictionless';
  result: 'authenticated' | 'failed';
  version: string;
}

/** The card as the charge stores and shows it (payment_method_details.card): never the number. */
export interface ChargeCard extends CardDetails {
  threeDSecure: ThreeDSecureResult | null;
}

export interface Shipping {
  address: Address | null;
  carrier: string | null;
  name: string | null;
  phone: string | null;
  trackingNumber: string | null;
}

export interface FraudDetails {
  stripeReport: string | null;
  userReport: string | null;
}

/**
 * The charge as the graph shows it. Ids of other objects stay ids here (customer, paymentIntent,
 * balanceTransactionId) and become references in the resolvers, so events carry them unexpanded.
 */
export interface ChargeNode {
  id: string;
  amount: number;
  amountCaptured: number;
  currency: string;
  created: number;
  livemode: false;
  status: StripeChargeStatus;
  paid: boolean;
  captured: boolean;
  balanceTransactionId: string | null;
  billingDetails: Record<string, unknown>;
  calculatedStatementDescriptor: string;
  customer: string | null;
  description: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  fraudDetails: FraudDetails;
  outcome: ChargeOutcome;
  paymentIntent: string | null;
  paymentMethod: string;
  paymentMethodDetails: { type: 'card'; card: ChargeCard };
  receiptEmail: string | null;
  shipping: Shipping | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  metadata: Record<string, string>;
}

/** Charges made before checks and 3-D Secure were stored show neither. */
function storedCard(card: unknown): ChargeCard {
  const stored = card as Partial<ChargeCard> & Omit<ChargeCard, 'checks' | 'threeDSecure'>;
  return { ...stored, checks: stored.checks ?? NO_CHECKS, threeDSecure: stored.threeDSecure ?? null };
}

export function toChargeNode(row: ChargeRow, defaultDescriptor: string): ChargeNode {
  const status = row.status as ChargeStatus;
  const fraud = row.fraudDetails as Partial<FraudDetails>;
  return {
    id: row.id,
    amount: row.amount,
    amountCaptured: row.amountCaptured,
    currency: row.currency,
    created: row.created,
    livemode: false,
    status: wireChargeStatus(status),
    paid: isPaid(status),
    captured: row.captured,
    balanceTransactionId: row.balanceTransactionId,
    billingDetails: row.billingDetails as Record<string, unknown>,
    calculatedStatementDescriptor: calculatedStatementDescriptor(row.statementDescriptor ?? defaultDescriptor, row.statementDescriptorSuffix),
    customer: row.customer,
    description: row.description,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    fraudDetails: { stripeReport: fraud.stripeReport ?? null, userReport: fraud.userReport ?? null },
    outcome: row.outcome as unknown as ChargeOutcome,
    paymentIntent: row.paymentIntentId,
    paymentMethod: row.paymentMethodId,
    paymentMethodDetails: { type: 'card', card: storedCard(row.card) },
    receiptEmail: row.receiptEmail,
    shipping: (row.shipping as Shipping | null) ?? null,
    statementDescriptor: row.statementDescriptor,
    statementDescriptorSuffix: row.statementDescriptorSuffix,
    metadata: row.metadata as Record<string, string>,
  };
}
