import { loadSubgraphEnv, type SubgraphEnv } from '@paygate/chassis';

/** The only reader of process.env in this service: the subgraph variables, port 4107 by default. */
export type PayoutEnv = SubgraphEnv;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): PayoutEnv {
  return loadSubgraphEnv(4107, source);
}
