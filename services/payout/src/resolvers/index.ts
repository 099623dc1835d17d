import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { PayoutDeps } from '../use-cases/deps';
import { bankAccountResolvers } from './BankAccount';
import { payoutResolvers } from './Payout';

type Fragment = Record<string, Record<string, unknown>>;

/** Each type's file contributes its type resolvers plus its Query and Mutation fields; merged here. */
export function buildResolvers(deps: PayoutDeps): SubgraphResolvers {
  const merged: Fragment = { Metadata: MetadataScalar as unknown as Record<string, unknown> };
  for (const fragment of [payoutResolvers(deps), bankAccountResolvers(deps)] as Fragment[]) {
    for (const [type, fields] of Object.entries(fragment)) merged[type] = { ...merged[type], ...fields };
  }
  return merged as SubgraphResolvers;
}
