/**
 * Stripe's address as every subgraph's shared `Address` type carries it (GraphQL camelCase), each
 * key present and null when unknown.
 */
export interface AddressNode {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  state: string | null;
}
