import { join } from 'node:path';

/** The supergraph's members: name, where its SDL lives in the repo, the env var with its URL. */
export const SUBGRAPH_NAMES = ['customer', 'session', 'invoice', 'charge', 'refund', 'balance', 'payout', 'events'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const SUBGRAPH_DEFAULT_PORTS: Record<SubgraphName, number> = {
  customer: 4101,
  session: 4102,
  invoice: 4103,
  charge: 4104,
  refund: 4105,
  balance: 4106,
  payout: 4107,
  events: 4108,
};

/** `SUBGRAPH_CHARGE_URL` etc. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `SUBGRAPH_${name.toUpperCase()}_URL`;
}

export function subgraphSchemaPath(name: SubgraphName, servicesDir = join(__dirname, '..', '..', 'services')): string {
  return join(servicesDir, name, 'src', 'schema.graphql');
}
