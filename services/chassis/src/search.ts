import { PaygateError } from './errors';

/**
 * Stripe's search query language (https://docs.stripe.com/search#search-query-language):
 *   clause  := ['-'] field op value
 *   field   := name | metadata['key'] | metadata["key"]
 *   op      := ':' (exact) | '~' (substring, ≥ 3 chars) | '>' | '<' | '>=' | '<='
 *   value   := 'text' | "text" (backslash escapes) | number | null
 * Clauses are joined by AND or OR (case-insensitive; a bare space means AND); AND and OR cannot be
 * mixed; at most 10 clauses. Parsing is pure; each service says which fields it searches.
 */
export type SearchOperator = ':' | '~' | '>' | '<' | '>=' | '<=';

export interface SearchClause {
  field: string;
  metadataKey?: string;
  op: SearchOperator;
  value: string | number | null;
  negated: boolean;
}

export interface SearchQuery {
  combinator: 'AND' | 'OR';
  clauses: SearchClause[];
}

export type SearchFieldType = 'string' | 'number' | 'metadata';

export const MAX_SEARCH_CLAUSES = 10;

function fail(message: string): PaygateError {
  return new PaygateError('search_query_invalid', message, { param: 'query' });
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(n = 1): string {
    return this.text.slice(this.pos, this.pos + n);
  }
  skipSpace(): boolean {
    const start = this.pos;
    while (!this.done && /\s/.test(this.text[this.pos]!)) this.pos += 1;
    return this.pos > start;
  }
  match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m || m.index !== this.pos) return null;
    this.pos += m[0].length;
    return m[0];
  }
  quoted(): string | null {
    const quote = this.peek();
    if (quote !== '"' && quote !== "'") return null;
    let out = '';
    for (let i = this.pos + 1; i < this.text.length; i += 1) {
      const ch = this.text[i]!;
      if (ch === '\\' && i + 1 < this.text.length) {
        out += this.text[i + 1];
        i += 1;
      } else if (ch === quote) {
        this.pos = i + 1;
        return out;
      } else out += ch;
    }
    throw fail(`Unterminated string starting at position ${this.pos} in the search query.`);
  }
}

function parseClause(s: Scanner): SearchClause {
  const negated = s.peek() === '-';
  if (negated) s.pos += 1;
  const start = s.pos;
  const name = s.match(/[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*/gy);
  if (!name) throw fail(`Expected a field name at position ${start} in the search query.`);
  let metadataKey: string | undefined;
  if (name === 'metadata') {
    if (s.peek() !== '[') throw fail("metadata must be followed by a key in brackets, e.g. metadata['order_id'].");
    s.pos += 1;
    const key = s.quoted();
    if (key === null || s.peek() !== ']') throw fail("metadata keys are written metadata['key'].");
    s.pos += 1;
    metadataKey = key;
  }
  const op = s.match(/>=|<=|[:~<>]/gy) as SearchOperator | null;
  if (!op) throw fail(`Expected one of : ~ > < >= <= after '${name}' in the search query.`);
  const quoted = s.quoted();
  let value: string | number | null;
  if (quoted !== null) value = quoted;
  else {
    const bare = s.match(/-?\d+(\.\d+)?|null\b/gy);
    if (bare === null) throw fail(`Expected a quoted value, a number or null after '${name}${op}' in the search query.`);
    if (bare === 'null') value = null;
    else if (!/^-?\d+$/.test(bare)) throw fail(`Numbers in a search query must be integers: ${bare}`);
    else value = Number(bare);
  }
  return metadataKey === undefined ? { field: name, op, value, negated } : { field: name, metadataKey, op, value, negated };
}

export function parseSearchQuery(query: string): SearchQuery {
  const s = new Scanner(query);
  s.skipSpace();
  if (s.done) throw fail('The search query must not be empty.');
  const clauses: SearchClause[] = [parseClause(s)];
  const joins = new Set<'AND' | 'OR'>();
  while (true) {
    const spaced = s.skipSpace();
    if (s.done) break;
    const keyword = s.match(/(and|or)(?=\s)/giy);
    if (keyword) {
      if (!spaced) throw fail(`Expected a space before ${keyword}.`);
      joins.add(keyword.toUpperCase() as 'AND' | 'OR');
      if (!s.skipSpace()) throw fail(`Expected a clause after ${keyword}.`);
    } else if (spaced) joins.add('AND');
    else throw fail(`Unexpected '${s.peek()}' at position ${s.pos} in the search query.`);
    if (s.done) throw fail('The search query ends with a dangling AND/OR.');
    clauses.push(parseClause(s));
  }
  if (joins.size > 1) throw fail('Search queries cannot mix AND and OR: use one or the other.');
  if (clauses.length > MAX_SEARCH_CLAUSES) throw fail(`A search query can have at most ${MAX_SEARCH_CLAUSES} clauses.`);
  return { combinator: joins.has('OR') ? 'OR' : 'AND', clauses };
}

/** Parse and check every clause against the fields a resource supports. */
export function parseSearchFor(query: string, fields: Readonly<Record<string, SearchFieldType>>): SearchQuery {
  const parsed = parseSearchQuery(query);
  for (const clause of parsed.clauses) {
    const type = fields[clause.field];
    if (!type) throw fail(`Field '${clause.field}' is not supported in a search query. Supported: ${Object.keys(fields).join(', ')}.`);
    const comparison = clause.op !== ':' && clause.op !== '~';
    if (type === 'number') {
      if (clause.op === '~') throw fail(`'${clause.field}' is numeric: use : > < >= or <=.`);
      if (typeof clause.value !== 'number') throw fail(`'${clause.field}' takes an integer value.`);
    } else {
      if (comparison) throw fail(`'${clause.field}' does not support ${clause.op}: use : or ~.`);
      if (typeof clause.value === 'number') clause.value = String(clause.value);
      if (type === 'metadata' && clause.value === null) throw fail('metadata values are matched as strings; null is not supported.');
      if (clause.op === '~' && (typeof clause.value !== 'string' || clause.value.length < 3)) {
        throw fail('Substring matching (~) needs at least 3 characters.');
      }
    }
  }
  return parsed;
}

/** Opaque `page` tokens for search results: the seq to continue below. */
export function encodePageToken(seq: bigint): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export function decodePageToken(token: string): bigint {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^seq:(\d{1,19})$/.exec(text);
  if (!m) throw new PaygateError('invalid_request', `Invalid page: ${token}`, { param: 'page' });
  return BigInt(m[1]!);
}
