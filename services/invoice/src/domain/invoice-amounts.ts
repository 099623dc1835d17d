/** Invoice money: integer minor units of the invoice's currency, never floats. */

/** Stripe's amount_remaining: what is still owed. */
export function amountRemaining(amountDue: number, amountPaid: number): number {
  return amountDue - amountPaid;
}

/** subtotal: the sum of the invoice's lines (no discounts or tax yet, so total = subtotal). */
export function invoiceSubtotal(lines: readonly { amount: number }[]): number {
  return lines.reduce((sum, line) => sum + line.amount, 0);
}

/**
 * Apply the customer's balance at finalization: a positive starting balance (owed) is added, a
 * credit (negative) is used up to the total; what credit is left is the ending balance.
 */
export function applyStartingBalance(total: number, startingBalance: number): { amountDue: number; endingBalance: number } {
  const owed = total + startingBalance;
  return owed >= 0 ? { amountDue: owed, endingBalance: 0 } : { amountDue: 0, endingBalance: owed };
}
