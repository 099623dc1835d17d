import { PaygateError } from '@paygate/chassis';

/** A line as given: the price's unit amount (minor units) and how many. */
export interface LineItemPricing {
  unitAmount: number;
  quantity: number;
  amountDiscount?: number;
  amountTax?: number;
}

export interface LineItemAmounts {
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  amountTotal: number;
}

function nonNegativeInteger(value: number, param: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new PaygateError('parameter_invalid_integer', `Invalid non-negative integer: ${param}`, { param });
  }
  return value;
}

/** Stripe's item amounts: subtotal = unit_amount × quantity; total = subtotal − discount + tax. */
export function lineItemAmounts(line: LineItemPricing, param = 'line_items'): LineItemAmounts {
  const unitAmount = nonNegativeInteger(line.unitAmount, `${param}[price_data][unit_amount]`);
  const quantity = nonNegativeInteger(line.quantity, `${param}[quantity]`);
  if (quantity < 1) {
    throw new PaygateError('parameter_invalid_integer', 'Quantity must be at least 1.', { param: `${param}[quantity]` });
  }
  const amountDiscount = nonNegativeInteger(line.amountDiscount ?? 0, `${param}[amount_discount]`);
  const amountTax = nonNegativeInteger(line.amountTax ?? 0, `${param}[amount_tax]`);
  const amountSubtotal = unitAmount * quantity;
  if (!Number.isSafeInteger(amountSubtotal)) {
    throw new PaygateError('amount_too_large', 'The line item amount is too large.', { param });
  }
  if (amountDiscount > amountSubtotal) {
    throw new PaygateError('invalid_request', 'A discount cannot exceed the line item subtotal.', { param });
  }
  return { amountSubtotal, amountDiscount, amountTax, amountTotal: amountSubtotal - amountDiscount + amountTax };
}

/** A session's amount_subtotal and amount_total: the sums over its lines. */
export function checkoutSessionTotals(lines: readonly LineItemAmounts[]): { amountSubtotal: number; amountTotal: number } {
  let amountSubtotal = 0;
  let amountTotal = 0;
  for (const line of lines) {
    amountSubtotal += line.amountSubtotal;
    amountTotal += line.amountTotal;
  }
  return { amountSubtotal, amountTotal };
}
