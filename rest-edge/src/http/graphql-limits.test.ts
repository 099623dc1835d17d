import { getIntrospectionQuery, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { composeApiSchema } from '../../../gateway/src/compose';
import { SUBGRAPH_NAMES } from '../../../gateway/src/subgraphs';
import { ROUTES } from '../routes';
import { buildDocument } from './route-table';
import { checkLimits, fieldCost, GRAPHQL_LIMITS, isRefusal, operationOf, parseOperation, paymentMutations, type GraphQLOperation, type GraphQLRefusal } from './graphql-limits';
import { paymentMutationFields } from './rate-limit';

const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://${name}/graphql`])) as Record<(typeof SUBGRAPH_NAMES)[number], string>;

/** Every query the integration tests send through the door, and the standard introspection query. */
const ALLOWED = [
  'query($id: ID!) { customer(id: $id) { id email invoices { hasMore data { id } } checkoutSessions { hasMore data { id } } } }',
  'query($id: ID!) { charge(id: $id) { id amount amountRefunded refunded refunds { hasMore data { id } } } }',
  `{ refunds { hasMore data { id } } payouts { hasMore data { id } } invoices { hasMore data { id } } checkoutSessions { hasMore data { id } }
     customers { data { id } } charges { data { id } } balanceTransactions { data { id } } }`,
  'query($id: ID!) { customer(id: $id) { checkoutSessions { data { id lineItems { data { description } } } } } }',
  `query($id: ID!) { customer(id: $id) { invoices(limit: 5) { hasMore data { id status amountPaid
     lines(limit: 1) { hasMore totalCount data { amount invoiceItem { id } } }
     paymentIntent { id latestCharge { id refunds(limit: 5) { data { id amount } } } } } } } }`,
  `query($c: ID!, $t: ID!) { customer(id: $c) { balance balanceTransactions(limit: 5) { hasMore data { id amount endingBalance type customer { id email } } } }
     customerBalanceTransaction(customer: $c, id: $t) { id amount currency type invoice { id } } }`,
  'query($id: ID!) { charge(id: $id) { customer { id email charges { data { id } } } } }',
  'query($id: ID!) { charge(id: $id) { paymentIntent { id status latestCharge { id } } } }',
  '{ customers(limit: 100) { data { id email name balance charges(limit: 10) { data { id amount currency status paid captured } } } } }',
  getIntrospectionQuery(),
];

let schema: GraphQLSchema;
beforeAll(() => {
  schema = composeApiSchema(urls);
});

function check(query: string, variables: Record<string, unknown> = {}): GraphQLRefusal | null {
  const operation: GraphQLOperation = { query, variables };
  const document = parseOperation(query);
  if (isRefusal(document)) return document;
  return checkLimits(schema, document, operation);
}

const nested = (levels: number) => `{ customers { data { ${'invoices { data { customer { '.repeat(levels)}id${' } } }'.repeat(levels)} } } }`;

describe('the /graphql door’s limits', () => {
  it.each(ALLOWED.map((q) => [q.slice(0, 70).replace(/\s+/g, ' '), q] as const))('admits %s', (_label, query) => {
    expect(check(query)).toBeNull();
  });

  it('admits every GET route’s document at a page of 100: the door allows what the REST edge asks of the graph', () => {
    for (const r of ROUTES.filter((route) => route.method === 'get')) {
      const variables = Object.fromEntries(Object.entries(r.operation.args ?? {}).map(([name, type]) => [name, type.startsWith('Int') ? 100 : type.endsWith('!') ? 'x' : null]));
      const document = buildDocument(r, {});
      // Priced for real (getComplexity throws on variables that do not fit), then admitted.
      const cost = getComplexity({ schema, query: parse(document), variables, estimators: [fieldCost] });
      expect([`${r.method} ${r.path}`, cost > 1 && cost <= GRAPHQL_LIMITS.maxCost, check(document, variables)]).toEqual([`${r.method} ${r.path}`, true, null]);
    }
  });

  it('refuses deep nesting, naming the depth limit', () => {
    expect(check(nested(4))).toEqual({ status: 400, code: 'GRAPHQL_DEPTH_LIMIT', message: `Query depth limit of ${GRAPHQL_LIMITS.maxDepth} exceeded, found 15.` });
  });

  it('refuses 100 aliases, naming the alias limit', () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `c${i}: customers { data { id } }`).join(' ');
    expect(check(`{ ${aliases} }`)).toEqual({ status: 400, code: 'GRAPHQL_ALIAS_LIMIT', message: `Aliases limit of ${GRAPHQL_LIMITS.maxAliases} exceeded, found 100.` });
  });

  it('prices a page by its limit, literal or variable: nested pages of 100 are refused', () => {
    const query = 'query($n: Int) { customers(limit: $n) { data { id invoices(limit: $n) { data { id lines(limit: $n) { data { id amount } } } } } } }';
    expect(check(query, { n: 5 })).toBeNull();
    const refused = check(query, { n: 100 });
    expect(refused).toMatchObject({ status: 400, code: 'GRAPHQL_COST_LIMIT' });
    expect(refused!.message).toMatch(/^Query cost limit of 50000 exceeded, found \d{7}: /);
  });

  it('counts fields after fragments are expanded', () => {
    const query = `fragment F on Customer { id email name } { customers(limit: 1) { data { ${Array.from({ length: 400 }, () => '...F').join(' ')} } } }`;
    expect(check(query)).toMatchObject({ status: 400, code: 'GRAPHQL_FIELD_LIMIT' });
  });

  it('stops parsing at the token limit', () => {
    const query = `{ customers { data { ${'id '.repeat(GRAPHQL_LIMITS.maxTokens)} } } }`;
    expect(check(query)).toEqual({ status: 400, code: 'GRAPHQL_TOKEN_LIMIT', message: `Query token limit of ${GRAPHQL_LIMITS.maxTokens} exceeded: send a smaller document.` });
  });

  it('tells a syntax error by position, never by quoting the query (it may carry card data)', () => {
    const refused = check('mutation { createToken(input: { card: { number: "4242424242424242" } }) { id } ');
    expect(refused).toMatchObject({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    expect(refused!.message).toMatch(/^Syntax error in the query at line 1, column \d+\.$/);
  });

  it('leaves operations it cannot price (bad variables, unknown fields) to the gateway’s own validation', () => {
    expect(check('query($n: Int) { customers(limit: $n) { data { id } } }', { n: 'many' })).toBeNull();
    expect(check('{ customer { id nope } }')).toBeNull();
  });
});

describe('the request body', () => {
  it('takes one operation; a batch (array) is refused', () => {
    expect(operationOf({ query: '{ customers { data { id } } }' })).toEqual({ query: '{ customers { data { id } } }' });
    expect(operationOf([{ query: '{ a }' }, { query: '{ b }' }])).toEqual({ status: 400, code: 'BATCHING_DISABLED', message: expect.stringMatching(/^Batched requests are not accepted/) });
    for (const body of [null, 'query', { query: 1 }, { query: '' }, { query: '{ a }', variables: [] }, { query: '{ a }', operationName: 3 }]) {
      expect(operationOf(body)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    }
  });
});

describe('payment mutations', () => {
  const fields = paymentMutationFields(ROUTES);
  const count = (query: string) => paymentMutations(parseOperation(query) as DocumentNode, fields);

  it('are the graph fields of the payment routes and the hosted pages’ payments', () => {
    expect([...fields].sort()).toEqual(['completeCheckoutSession', 'confirmPaymentIntent', 'createCharge', 'createPaymentIntent', 'createPayout', 'createRefund', 'payInvoice', 'payInvoiceFromHostedPage']);
  });

  it('count once per selection: aliases each, fragments as spread, queries not at all', () => {
    expect(count('mutation { createCustomer(input: {}) { id } }')).toBe(0);
    expect(count('query { createCharge }')).toBe(0);
    expect(count('mutation { a: createCharge(input: $i) { id } b: createCharge(input: $i) { id } createRefund(input: $r) { id } }')).toBe(3);
    expect(count('fragment P on Mutation { createPayout(input: $p) { id } } mutation { ...P ... on Mutation { payInvoice(id: $x) { id } } }')).toBe(2);
  });
});
