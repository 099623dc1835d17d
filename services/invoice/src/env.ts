import { loadSubgraphEnv, type SubgraphEnv } from '@paygate/chassis';

/** The only reader of process.env in this service: the subgraph variables, port 4103 by default. */
export type InvoiceEnv = SubgraphEnv;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): InvoiceEnv {
  return loadSubgraphEnv(4103, source);
}
