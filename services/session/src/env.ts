import { loadSubgraphEnv, type SubgraphEnv } from '@paygate/chassis';

/** The only reader of process.env in this service: the subgraph variables, port 4102 by default. */
export type SessionEnv = SubgraphEnv;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): SessionEnv {
  return loadSubgraphEnv(4102, source);
}
