import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { DEFAULT_LIMIT, MAX_LIMIT } from '@paygate/chassis';
import { GraphQLError, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionNode, type ValidationContext } from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';

/**
 * What one POST /graphql may ask of the graph. Chosen so that everything the REST routes ask of
 * the graph passes (the costliest unexpanded document, a page of 100 charges with all ~280 fields
 * and their embedded refunds, costs 28,201), as does every query the integration tests send (the
 * deepest is 8 levels), while one request can no longer fan out into hundreds of thousands of reads
 * (`customers(limit: 100) { data { invoices(limit: 100) { data { lines(limit: 100) … } } } }` costs > 10^6).
 */
export const GRAPHQL_LIMITS = {
  /** Nested field levels (introspection's __schema is not counted: the standard query is ~10 deep). */
  maxDepth: 10,
  /** Aliased fields in the document: aliases are how one request repeats a costly field. */
  maxAliases: 20,
  /** Fields the document selects once its fragments are expanded. */
  maxFields: 1_000,
  /** Estimated fields resolved: each field 1, a paged list's selection times its `limit` (10 when unset, 100 at most). */
  maxCost: 50_000,
  /** Lexical tokens: parsing stops here, before a huge document costs anything. */
  maxTokens: 10_000,
} as const;
export type GraphQLLimits = { [K in keyof typeof GRAPHQL_LIMITS]: number };

/** A refused request: the HTTP status and one GraphQL error naming the limit. */
export interface GraphQLRefusal {
  status: number;
  code: string;
  message: string;
}

export interface GraphQLOperation {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown>;
}

const refusal = (code: string, message: string, status = 400): GraphQLRefusal => ({ status, code, message });

/** The body's one operation, or why not: batches (arrays) are off, and the shape is GraphQL-over-HTTP's. */
export function operationOf(body: unknown): GraphQLOperation | GraphQLRefusal {
  if (Array.isArray(body)) return refusal('BATCHING_DISABLED', 'Batched requests are not accepted: send one operation per request (a JSON object, not an array).');
  if (body === null || typeof body !== 'object') return refusal('BAD_REQUEST', 'The body must be a JSON object with a "query".');
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return refusal('BAD_REQUEST', 'The body must carry the operation as a "query" string.');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return refusal('BAD_REQUEST', '"variables" must be an object.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return refusal('BAD_REQUEST', '"operationName" must be a string.');
  return body as GraphQLOperation;
}

export function isRefusal(value: unknown): value is GraphQLRefusal {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value;
}

/** The document, parsed no further than the token limit. Syntax errors are told by position only (the query may hold card data). */
export function parseOperation(query: string, limits: GraphQLLimits = GRAPHQL_LIMITS): DocumentNode | GraphQLRefusal {
  try {
    return parse(query, { maxTokens: limits.maxTokens, noLocation: false });
  } catch (err) {
    if (err instanceof GraphQLError && /contains more tha[nt] \d+ tokens/.test(err.message)) {
      return refusal('GRAPHQL_TOKEN_LIMIT', `Query token limit of ${limits.maxTokens} exceeded: send a smaller document.`);
    }
    const at = err instanceof GraphQLError ? err.locations?.[0] : undefined;
    return refusal('GRAPHQL_PARSE_FAILED', `Syntax error in the query${at ? ` at line ${at.line}, column ${at.column}` : ''}.`);
  }
}

/** One field's cost: itself, plus its selection once per row of the page it returns. Introspection is free. */
export function fieldCost({ field, args, childComplexity }: ComplexityEstimatorArgs): number {
  if (field.name.startsWith('__')) return 0;
  if (!field.args.some((a) => a.name === 'limit')) return 1 + childComplexity;
  const asked = typeof args.limit === 'number' ? args.limit : DEFAULT_LIMIT;
  return 1 + Math.min(Math.max(asked, 1), MAX_LIMIT) * childComplexity;
}

/** armor's rules report "Syntax Error: Query depth limit of 10 exceeded, found 12." — kept without its misleading prefix. */
function reportAs(code: string, refusals: GraphQLRefusal[]) {
  return [(_context: ValidationContext | null, err: GraphQLError) => void refusals.push(refusal(code, err.message.replace(/^Syntax Error: /, '')))];
}

/** Depth, aliases, fields and cost of a parsed document against the schema; null when within every limit. */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: GraphQLOperation, limits: GraphQLLimits = GRAPHQL_LIMITS): GraphQLRefusal | null {
  const refusals: GraphQLRefusal[] = [];
  validate(schema, document, [
    maxDepthRule({ n: limits.maxDepth, onReject: reportAs('GRAPHQL_DEPTH_LIMIT', refusals), propagateOnRejection: false }),
    maxAliasesRule({ n: limits.maxAliases, onReject: reportAs('GRAPHQL_ALIAS_LIMIT', refusals), propagateOnRejection: false }),
  ]);
  if (refusals.length) return refusals[0]!;
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: operation.variables ?? {},
      ...(operation.operationName ? { operationName: operation.operationName } : {}),
      estimators: [fieldCost],
      maxQueryNodes: limits.maxFields,
    });
  } catch (err) {
    if (err instanceof GraphQLError && /maximum allowed number of nodes/.test(err.message)) {
      return refusal('GRAPHQL_FIELD_LIMIT', `Query field limit of ${limits.maxFields} exceeded: select fewer fields (fragments count once per use).`);
    }
    // Variables that do not fit the operation: the gateway refuses them as it always has, before any subgraph call.
    return null;
  }
  if (cost > limits.maxCost) return refusal('GRAPHQL_COST_LIMIT', `Query cost limit of ${limits.maxCost} exceeded, found ${cost}: ask for smaller pages (limit) or fewer nested lists.`);
  return null;
}

/** How many payment-creating mutation fields the document's mutations select (each alias counts; a fragment once). */
export function paymentMutations(document: DocumentNode, paymentFields: ReadonlySet<string>): number {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const seen = new Set<string>();
  const count = (selections: readonly SelectionNode[]): number =>
    selections.reduce((sum, selection) => {
      if (selection.kind === Kind.FIELD) return sum + (paymentFields.has(selection.name.value) ? 1 : 0);
      if (selection.kind === Kind.INLINE_FRAGMENT) return sum + count(selection.selectionSet.selections);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return sum;
      seen.add(fragment.name.value);
      return sum + count(fragment.selectionSet.selections);
    }, 0);
  return document.definitions.reduce((sum, d) => sum + (d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation' ? count(d.selectionSet.selections) : 0), 0);
}
