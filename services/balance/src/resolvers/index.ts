import { SafeIntScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { LedgerStore } from '../db/ledger';
import { balanceTransactionResolvers } from './BalanceTransaction';
import { queryResolvers } from './Query';

export function buildResolvers(store: LedgerStore): SubgraphResolvers {
  return {
    SafeInt: SafeIntScalar,
    ...balanceTransactionResolvers(store),
    ...queryResolvers(store),
  } as SubgraphResolvers;
}
