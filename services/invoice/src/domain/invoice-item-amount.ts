import { MAXIMUM_AMOUNT, PaygateError } from '@paygate/chassis';

/**
 * An invoice item's money: either `amount` (a quantity of 1 unless given) or a unit amount times a
 * quantity, in whole minor units. Amounts may be negative (a credit line); quantities may not.
 */
export interface InvoiceItemAmountParams {
  amount?: number | null;
  unitAmount?: number | null;
  /** Stripe's decimal unit amount; Paygate keeps whole minor units, so only a whole number is taken. */
  unitAmountDecimal?: string | null;
  quantity?: number | null;
}

export interface InvoiceItemAmount {
  amount: number;
  unitAmount: number;
  quantity: number;
}

const WHOLE_DECIMAL = /^-?\d{1,9}(\.0+)?$/;

function checkedUnitAmount(params: InvoiceItemAmountParams): number | null {
  if (params.unitAmount != null && params.unitAmountDecimal != null) {
    throw new PaygateError('parameters_exclusive', 'You may only specify one of these parameters: unit_amount, unit_amount_decimal.', { param: 'unit_amount_decimal' });
  }
  if (params.unitAmountDecimal != null) {
    if (!WHOLE_DECIMAL.test(params.unitAmountDecimal)) {
      throw new PaygateError('invalid_request', 'Invalid unit_amount_decimal: Paygate keeps money in whole minor units, so it must be a whole number.', { param: 'unit_amount_decimal' });
    }
    return Number.parseInt(params.unitAmountDecimal, 10);
  }
  return params.unitAmount ?? null;
}

function checkedQuantity(quantity: number | null | undefined): number {
  if (quantity == null) return 1;
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new PaygateError('parameter_invalid_integer', 'Invalid non-negative integer', { param: 'quantity' });
  return quantity;
}

function withinBounds(amount: number, param: string): number {
  if (!Number.isSafeInteger(amount)) throw new PaygateError('parameter_invalid_integer', `Invalid integer: ${amount}`, { param });
  if (Math.abs(amount) > MAXIMUM_AMOUNT) throw new PaygateError('amount_too_large', 'Amount must be no more than $999,999.99', { param });
  return amount;
}

/** A new item's amount (POST /v1/invoiceitems). */
export function invoiceItemAmount(params: InvoiceItemAmountParams): InvoiceItemAmount {
  const unitAmount = checkedUnitAmount(params);
  const quantity = checkedQuantity(params.quantity);
  if (params.amount != null && unitAmount != null) {
    throw new PaygateError('parameters_exclusive', 'You may only specify one of these parameters: amount, unit_amount.', { param: 'unit_amount' });
  }
  if (params.amount != null) {
    if (params.quantity != null && params.quantity !== 1) {
      throw new PaygateError('invalid_request', 'When passing `amount`, `quantity` must be 1 (or left out); use `unit_amount` with a quantity.', { param: 'quantity' });
    }
    const amount = withinBounds(params.amount, 'amount');
    return { amount, unitAmount: amount, quantity: 1 };
  }
  if (unitAmount == null) throw new PaygateError('parameter_missing', 'Missing required param: amount.', { param: 'amount' });
  return { unitAmount: withinBounds(unitAmount, 'unit_amount'), quantity, amount: withinBounds(unitAmount * quantity, 'quantity') };
}

/**
 * An update (POST /v1/invoiceitems/:id): `amount` sets the whole line (quantity 1); a unit amount or
 * a quantity alone keeps the other from the item as it is.
 */
export function updatedInvoiceItemAmount(current: InvoiceItemAmount, params: InvoiceItemAmountParams): InvoiceItemAmount {
  const unitAmount = checkedUnitAmount(params);
  if (params.amount == null && unitAmount == null && params.quantity == null) return current;
  if (params.amount != null) return invoiceItemAmount({ amount: params.amount, quantity: params.quantity });
  return invoiceItemAmount({ unitAmount: unitAmount ?? current.unitAmount, quantity: params.quantity ?? current.quantity });
}
