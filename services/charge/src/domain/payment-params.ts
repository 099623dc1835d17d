import { assertChargeAmount, formatAmount, PaygateError, parseCurrency, type Money } from '@paygate/chassis';

/** Amount and currency of a charge or intent, with Stripe's errors (too small, too large, not an integer). */
export function parseMoney(amount: number, currency: string): Money {
  const money = { amount, currency: parseCurrency(currency) };
  assertChargeAmount(money);
  return money;
}

/** A capture takes at most what is still held, and at least the currency's minimum charge. */
export function assertCaptureAmount(amount: number, capturable: Money, param: string): void {
  if (Number.isSafeInteger(amount) && amount > capturable.amount) {
    throw new PaygateError(
      'amount_too_large',
      `The ${param} (${formatAmount({ amount, currency: capturable.currency })}) is greater than the amount capturable (${formatAmount(capturable)}).`,
      { param },
    );
  }
  assertChargeAmount({ amount, currency: capturable.currency }, param);
}

/** Card statements show at most 22 characters (Stripe refuses longer descriptors). */
const DESCRIPTOR_MAX = 22;

export function assertStatementDescriptors(input: { statementDescriptor?: string | null; statementDescriptorSuffix?: string | null }): void {
  for (const [param, value] of [
    ['statement_descriptor', input.statementDescriptor],
    ['statement_descriptor_suffix', input.statementDescriptorSuffix],
  ] as const) {
    if (value && value.length > DESCRIPTOR_MAX) {
      throw new PaygateError('invalid_request', `Invalid string: ${value.slice(0, 40)}; must be at most ${DESCRIPTOR_MAX} characters`, { param });
    }
    if (value && /[<>\\'"*]/.test(value)) {
      throw new PaygateError('invalid_request', `The ${param} cannot contain any of the special characters < > \\ ' " *`, { param });
    }
  }
}

/** The descriptor a statement shows: the account's (or the charge's own) prefix, then `* suffix`. */
export function calculatedStatementDescriptor(prefix: string, suffix: string | null): string {
  return suffix ? `${prefix}* ${suffix}`.slice(0, DESCRIPTOR_MAX) : prefix;
}

/** Cards are the only payment method type Paygate collects; automatic_payment_methods means cards too. */
export function parsePaymentMethodTypes(types: readonly string[] | null | undefined, automatic: { enabled: boolean } | null | undefined): string[] {
  if (types && automatic) {
    throw new PaygateError('parameters_exclusive', 'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.', {
      param: 'payment_method_types',
    });
  }
  if (!types) return ['card'];
  if (types.length === 0) throw new PaygateError('parameter_invalid_empty', 'payment_method_types must not be empty.', { param: 'payment_method_types' });
  const unknown = types.find((type) => type !== 'card');
  if (unknown !== undefined) {
    throw new PaygateError('invalid_request', `The payment method type "${unknown.slice(0, 40)}" is invalid. Supported: card.`, { param: 'payment_method_types' });
  }
  return [...new Set(types)];
}

/** A Unix-seconds instant given by a caller (GraphQL Int is 32-bit; negatives make no sense). */
export function assertTimestamp(value: number, param: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new PaygateError('parameter_invalid_integer', 'Invalid non-negative integer', { param });
}
