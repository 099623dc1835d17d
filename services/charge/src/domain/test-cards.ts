import { binBrandOf } from './card-number';

/**
 * The simulated card network: Stripe's test cards, and the magic tokens and pm_card_* aliases that
 * stand for them, in ONE table (https://docs.stripe.com/testing). The numbers are Stripe's public
 * test numbers; a vaulted card's number only meets this table inside the vault boundary.
 */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';
export type DeclineCode =
  | 'generic_decline' | 'insufficient_funds' | 'lost_card' | 'stolen_card' | 'expired_card' | 'incorrect_cvc' | 'processing_error' | 'fraudulent';
export type FailureCode = 'card_declined' | 'expired_card' | 'incorrect_cvc' | 'processing_error';
export type CardFunding = 'credit' | 'debit' | 'prepaid';

export interface CardBehaviour {
  /** What the network answers when the card is charged. */
  charge:
    | { result: 'approve'; funds: 'standard' | 'immediate' }
    | { result: 'decline'; failureCode: FailureCode; declineCode: DeclineCode }
    /** Radar, highest risk: outcome.type blocked, risk_level highest, card_declined/fraudulent. */
    | { result: 'block' };
  /** 3-D Secure: 'required' → the payment needs authentication (requires_action). */
  threeDSecure: 'required' | 'optional';
  refund: 'succeeds' | 'fails_async';
  /** Attaching runs a card check: a card that declines charges declines it too, except 4000000000000341. */
  attach: 'succeeds' | 'declines';
}

export interface TestCard {
  number: string;
  brand: CardBrand;
  funding: CardFunding;
  country: string;
  behaviour: CardBehaviour;
}

interface TestCardRow extends TestCard {
  /** Magic tokens (tok_visa…): reusable, never rows, never used up. */
  tokens: readonly string[];
  /** pm_card_* aliases: using one creates a real payment method, as Stripe does. */
  paymentMethods: readonly string[];
}

const approves: CardBehaviour = { charge: { result: 'approve', funds: 'standard' }, threeDSecure: 'optional', refund: 'succeeds', attach: 'succeeds' };
const declines = (failureCode: FailureCode, declineCode: DeclineCode): CardBehaviour =>
  ({ ...approves, charge: { result: 'decline', failureCode, declineCode }, attach: 'declines' });

function row(number: string, brand: CardBrand, funding: CardFunding, behaviour: CardBehaviour, tokens: string[], paymentMethods: string[]): TestCardRow {
  return { number, brand, funding, country: 'US', behaviour, tokens, paymentMethods };
}

const TABLE: readonly TestCardRow[] = [
  row('4242424242424242', 'visa', 'credit', approves, ['tok_visa'], ['pm_card_visa']),
  row('4000056655665556', 'visa', 'debit', approves, ['tok_visa_debit'], ['pm_card_visa_debit']),
  row('5555555555554444', 'mastercard', 'credit', approves, ['tok_mastercard'], ['pm_card_mastercard']),
  row('2223003122003222', 'mastercard', 'credit', approves, [], []),
  row('5200828282828210', 'mastercard', 'debit', approves, ['tok_mastercard_debit'], ['pm_card_mastercard_debit']),
  row('5105105105105100', 'mastercard', 'prepaid', approves, ['tok_mastercard_prepaid'], ['pm_card_mastercard_prepaid']),
  row('378282246310005', 'amex', 'credit', approves, ['tok_amex'], ['pm_card_amex']),
  row('6011111111111117', 'discover', 'credit', approves, ['tok_discover'], ['pm_card_discover']),
  row('3056930009020004', 'diners', 'credit', approves, ['tok_diners'], ['pm_card_diners']),
  row('3566002020360505', 'jcb', 'credit', approves, ['tok_jcb'], ['pm_card_jcb']),
  row('6200000000000005', 'unionpay', 'credit', approves, ['tok_unionpay'], ['pm_card_unionpay']),
  row('4000000000000077', 'visa', 'credit', { ...approves, charge: { result: 'approve', funds: 'immediate' } }, ['tok_bypassPending'], ['pm_card_bypassPending']),
  row('4000000000005126', 'visa', 'credit', { ...approves, refund: 'fails_async' }, ['tok_refundFail'], ['pm_card_refundFail']),
  row('4000000000000002', 'visa', 'credit', declines('card_declined', 'generic_decline'), ['tok_chargeDeclined', 'tok_visa_chargeDeclined'], ['pm_card_chargeDeclined', 'pm_card_visa_chargeDeclined']),
  row('4000000000009995', 'visa', 'credit', declines('card_declined', 'insufficient_funds'),
    ['tok_chargeDeclinedInsufficientFunds', 'tok_visa_chargeDeclinedInsufficientFunds'], ['pm_card_chargeDeclinedInsufficientFunds', 'pm_card_visa_chargeDeclinedInsufficientFunds']),
  row('4000000000009987', 'visa', 'credit', declines('card_declined', 'lost_card'), ['tok_chargeDeclinedLostCard', 'tok_visa_chargeDeclinedLostCard'], ['pm_card_chargeDeclinedLostCard', 'pm_card_visa_chargeDeclinedLostCard']),
  row('4000000000009979', 'visa', 'credit', declines('card_declined', 'stolen_card'), ['tok_chargeDeclinedStolenCard', 'tok_visa_chargeDeclinedStolenCard'], ['pm_card_chargeDeclinedStolenCard', 'pm_card_visa_chargeDeclinedStolenCard']),
  row('4000000000000069', 'visa', 'credit', declines('expired_card', 'expired_card'), ['tok_chargeDeclinedExpiredCard', 'tok_visa_chargeDeclinedExpiredCard'], ['pm_card_chargeDeclinedExpiredCard']),
  row('4000000000000127', 'visa', 'credit', declines('incorrect_cvc', 'incorrect_cvc'), ['tok_chargeDeclinedIncorrectCvc', 'tok_visa_chargeDeclinedIncorrectCvc'], ['pm_card_chargeDeclinedIncorrectCvc']),
  row('4000000000000119', 'visa', 'credit', declines('processing_error', 'processing_error'),
    ['tok_chargeDeclinedProcessingError', 'tok_visa_chargeDeclinedProcessingError'], ['pm_card_chargeDeclinedProcessingError']),
  row('4000000000000341', 'visa', 'credit', { ...declines('card_declined', 'generic_decline'), attach: 'succeeds' },
    ['tok_chargeCustomerFail', 'tok_visa_chargeCustomerFail'], ['pm_card_chargeCustomerFail']),
  row('4100000000000019', 'visa', 'credit', { ...approves, charge: { result: 'block' } },
    ['tok_radarBlock', 'tok_chargeDeclinedFraudulent', 'tok_visa_chargeDeclinedFraudulent'], ['pm_card_radarBlock', 'pm_card_chargeDeclinedFraudulent']),
  row('4000002500003155', 'visa', 'credit', { ...approves, threeDSecure: 'required' }, [], ['pm_card_authenticationRequiredOnSetup']),
  row('4000002760003184', 'visa', 'credit', { ...approves, threeDSecure: 'required' }, [], ['pm_card_authenticationRequired']),
  row('4000000000003220', 'visa', 'credit', { ...approves, threeDSecure: 'required' }, ['tok_threeDSecure2Required'], ['pm_card_threeDSecure2Required']),
];

const byNumber = new Map(TABLE.map((card) => [card.number, card]));
const byAlias = new Map(TABLE.flatMap((card) => [...card.tokens, ...card.paymentMethods].map((alias) => [alias, card] as const)));

function publicCard({ number, brand, funding, country, behaviour }: TestCardRow): TestCard {
  return { number, brand, funding, country, behaviour };
}

/** The table's row for a normalized number, or null for any other number. */
export function testCardOf(number: string): TestCard | null {
  const card = byNumber.get(number);
  return card ? publicCard(card) : null;
}

/** The card a magic token (tok_visa) or pm_card_* alias stands for; null for anything else. */
export function testCardForAlias(ref: string): TestCard | null {
  const card = byAlias.get(ref);
  return card ? publicCard(card) : null;
}

export function isMagicToken(ref: string): boolean {
  return byAlias.get(ref)?.tokens.includes(ref) ?? false;
}

export function isPaymentMethodAlias(ref: string): boolean {
  return byAlias.get(ref)?.paymentMethods.includes(ref) ?? false;
}

/** Any Luhn-valid number outside the table approves, with standard funds and optional 3-D Secure. */
export function behaviourOf(number: string): CardBehaviour {
  return byNumber.get(number)?.behaviour ?? approves;
}

/** The table's brand for a test number, the BIN range's for any other. */
export function brandOf(number: string): CardBrand {
  return byNumber.get(number)?.brand ?? binBrandOf(number);
}

/** Every row of the table (without its aliases): what the table's own test walks. */
export const TEST_CARDS: readonly TestCard[] = TABLE.map(publicCard);
