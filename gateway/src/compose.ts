import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse, type GraphQLSchema } from 'graphql';
import { SUBGRAPH_NAMES, subgraphSchemaPath, type SubgraphName } from './subgraphs';

/**
 * Compose the supergraph from each subgraph's SDL file, with the URLs this deployment uses.
 * Static composition: a composition error stops the gateway at boot, not at the first query.
 */
export function composeSupergraph(urls: Record<SubgraphName, string>, servicesDir?: string): string {
  return compose(urls, servicesDir).supergraphSdl;
}

/** The graph clients see (the supergraph without federation's join machinery): what operations are validated against. */
export function composeApiSchema(urls: Record<SubgraphName, string>, servicesDir?: string): GraphQLSchema {
  return compose(urls, servicesDir).schema.toAPISchema().toGraphQLJSSchema();
}

function compose(urls: Record<SubgraphName, string>, servicesDir?: string) {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: urls[name],
      typeDefs: parse(readFileSync(subgraphSchemaPath(name, servicesDir), 'utf8')),
    })),
  );
  if (result.errors && result.errors.length > 0) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  if (!result.supergraphSdl || !result.schema) throw new Error('Supergraph composition produced no SDL');
  return { supergraphSdl: result.supergraphSdl, schema: result.schema };
}
