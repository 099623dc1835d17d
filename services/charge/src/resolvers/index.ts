import { MetadataScalar, type SubgraphResolvers } from '@paygate/chassis';
import type { ChargeDeps } from '../use-cases/deps';
import { chargeResolvers } from './Charge';
import { customerResolvers } from './Customer';
import { paymentIntentResolvers } from './PaymentIntent';
import { paymentMethodResolvers } from './PaymentMethod';
import { tokenResolvers } from './Token';

type Fragment = Record<string, Record<string, unknown>>;

/** Each type's file contributes its type resolvers plus its Query and Mutation fields; merged here. */
export function buildResolvers(deps: ChargeDeps): SubgraphResolvers {
  const fragments: Fragment[] = [chargeResolvers(deps), paymentIntentResolvers(deps), paymentMethodResolvers(deps), tokenResolvers(deps), customerResolvers(deps)];
  const merged: Fragment = { Metadata: MetadataScalar as unknown as Record<string, unknown> };
  for (const fragment of fragments) {
    for (const [type, fields] of Object.entries(fragment)) merged[type] = { ...merged[type], ...fields };
  }
  return merged as SubgraphResolvers;
}
