import { z } from 'zod';

/** What the ledger needs from a payout event's object (the payout service's PayoutEventObject). */
export const payoutObject = z.object({
  id: z.string().startsWith('po_'),
  /** Negative for a reversal (money pulled back from the bank). */
  amount: z.number().int(),
  currency: z.string().regex(/^[a-z]{3}$/),
  balanceTransactionId: z.string().startsWith('txn_').nullable(),
  failureBalanceTransactionId: z.string().startsWith('txn_').nullable(),
  originalPayoutId: z.string().startsWith('po_').nullable(),
});
