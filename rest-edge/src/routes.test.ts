import { parse, validate, type GraphQLSchema } from 'graphql';
import { composeApiSchema } from '../../gateway/src/compose';
import { SUBGRAPH_NAMES } from '../../gateway/src/subgraphs';
import { buildDocument, orderRoutes, type RestRoute } from './http/route-table';
import { type ExpandTree, type StripeObject } from './objects/stripe-object';
import { ROUTES } from './routes';

const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://${name}/graphql`])) as Record<(typeof SUBGRAPH_NAMES)[number], string>;

/** Every expandable property, `depth` levels deep: the largest selection a route can send. */
function everyExpansion(object: StripeObject<unknown>, depth: number): ExpandTree {
  if (depth === 0) return {};
  return Object.fromEntries(Object.entries(object.expandable).map(([property, e]) => [property, everyExpansion(e.object(), depth - 1)]));
}

const label = (r: RestRoute) => `${r.method.toUpperCase()} ${r.path}`;

describe('the REST route table against the composed supergraph', () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = composeApiSchema(urls);
  });

  it.each(ROUTES.map((r) => [label(r), r] as const))('%s sends a valid operation, unexpanded and expanded four levels', (_label, r) => {
    for (const depth of [0, 1, 4]) {
      const errors = validate(schema, parse(buildDocument(r, everyExpansion(r.object, depth))));
      expect(errors.map((e) => e.message)).toEqual([]);
    }
  });

  it('has one route per method and path', () => {
    const labels = ROUTES.map(label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('mounts static segments before :id whatever the order of the table', () => {
    const ordered = orderRoutes([...ROUTES].reverse()).map(label);
    expect(ordered.indexOf('GET /v1/charges/search')).toBeLessThan(ordered.indexOf('GET /v1/charges/:id'));
    expect(ordered.indexOf('GET /v1/customers/search')).toBeLessThan(ordered.indexOf('GET /v1/customers/:id'));
    expect(ordered.indexOf('GET /v1/payment_intents/search')).toBeLessThan(ordered.indexOf('GET /v1/payment_intents/:id'));
  });
});
