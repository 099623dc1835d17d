import type { GraphCaller, GraphClient } from '@paygate/chassis';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** graphql-js's standard introspection query: what GraphiQL and codegen tools send. */
export const INTROSPECTION_QUERY = getIntrospectionQuery();

/** A gateway redeployed with a new supergraph is seen within this. */
const SCHEMA_TTL_MS = 5 * 60_000;

/**
 * The schema the gateway serves, learnt by introspecting it (so the edge needs no SDL files of its
 * own): the first /graphql request waits for it, later ones use it and refresh it in the background
 * once it is older than the TTL. Only the cost of a query is computed from it; the gateway still
 * validates every operation itself.
 */
export function gatewaySchema(graph: GraphClient, ttlMs = SCHEMA_TTL_MS, now: () => number = Date.now) {
  let current: { schema: GraphQLSchema; at: number } | null = null;
  let loading: Promise<GraphQLSchema> | null = null;
  const load = (caller: GraphCaller) => {
    loading ??= graph
      .execute<IntrospectionQuery>(INTROSPECTION_QUERY, {}, caller)
      .then((data) => {
        current = { schema: buildClientSchema(data), at: now() };
        return current.schema;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };
  return async (caller: GraphCaller): Promise<GraphQLSchema> => {
    if (!current) return load(caller);
    if (now() - current.at > ttlMs) load(caller).catch(() => undefined); // the old schema serves until the new one is in
    return current.schema;
  };
}
