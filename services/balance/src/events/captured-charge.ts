import type { Clock, EventEnvelope } from '@paygate/chassis';
import { z } from 'zod';
import type { BalanceTx } from '../db/client';
import { recordEntry } from '../db/ledger';
import { chargeEntry } from '../domain/ledger';

/** What the ledger needs from a charge event's object. */
const chargeObject = z.object({
  id: z.string().startsWith('ch_'),
  amount: z.number().int().positive(),
  /** What was captured: less than `amount` after a partial capture (older events lack it and captured in full). */
  amountCaptured: z.number().int().nonnegative().optional(),
  currency: z.string().regex(/^[a-z]{3}$/),
  created: z.number().int(),
  captured: z.boolean(),
  description: z.string().nullable(),
  balanceTransactionId: z.string().startsWith('txn_').nullable(),
  funds: z.enum(['standard', 'immediate']).default('standard'),
});

/**
 * charge.succeeded (captured at once) or charge.captured (captured later) → a `charge` balance
 * transaction under the id the charge already carries. An uncaptured authorization moves no money.
 */
export function bookCapturedCharge(clock: Clock) {
  return async (event: EventEnvelope, tx: BalanceTx): Promise<void> => {
    const charge = chargeObject.parse(event.data.object);
    if (!charge.captured || !charge.balanceTransactionId) return;
    const amount = charge.amountCaptured ?? charge.amount;
    await recordEntry(tx, event.account, event.id, chargeEntry({ ...charge, amount, balanceTransactionId: charge.balanceTransactionId }, clock()));
  };
}
