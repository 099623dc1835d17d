import { loadSubgraphEnv, type SubgraphEnv } from '@paygate/chassis';

/** The only reader of process.env in this service: the subgraph variables, port 4101 by default. */
export type CustomerEnv = SubgraphEnv;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): CustomerEnv {
  return loadSubgraphEnv(4101, source);
}
