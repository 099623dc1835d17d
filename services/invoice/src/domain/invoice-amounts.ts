/** Invoice money: integer minor units of the invoice's currency, never floats. */

/** Stripe's amount_remaining: what is still owed. */
export function amountRemaining(amountDue: number, amountPaid: number): number {
  return amountDue - amountPaid;
}
