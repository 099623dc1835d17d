import type { SubgraphContext } from '@paygate/chassis';
import type { EventsDeps } from '../use-cases/deps';
import { findEventNode } from '../use-cases/events';

/** Event entity: another account's id resolves to nothing. */
export function eventResolvers(deps: EventsDeps) {
  return {
    Event: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => findEventNode(deps, ctx.account, ref.id),
    },
  };
}
