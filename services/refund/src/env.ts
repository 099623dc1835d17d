import { loadSubgraphEnv, type SubgraphEnv } from '@paygate/chassis';

/** The only reader of process.env in this service: the subgraph variables, port 4105 by default. */
export type RefundEnv = SubgraphEnv;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): RefundEnv {
  return loadSubgraphEnv(4105, source);
}
