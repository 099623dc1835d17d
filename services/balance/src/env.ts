import { loadSubgraphEnv, type SubgraphEnv } from '@paygate/chassis';

/** The only reader of process.env in this service: the subgraph variables, port 4106 by default. */
export type BalanceEnv = SubgraphEnv;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): BalanceEnv {
  return loadSubgraphEnv(4106, source);
}
