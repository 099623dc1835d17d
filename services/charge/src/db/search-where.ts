import { PaygateError, parseSearchFor, type SearchClause, type SearchFieldType } from '@paygate/chassis';

/**
 * Stripe's search query → a Prisma filter, for any model: each field says how one positive clause
 * filters, and which nullable column a negation must keep (SQL's NOT drops NULL rows; Stripe's
 * `-customer:"cus_1"` keeps charges without a customer). Pure; the caller adds the account.
 */
export interface SearchField<Where> {
  type: SearchFieldType;
  where: (clause: SearchClause) => Where;
  nullableColumn?: string;
}

const NUMERIC_OPS = { ':': 'equals', '>': 'gt', '<': 'lt', '>=': 'gte', '<=': 'lte' } as const;

export function numericField<Where>(column: string): SearchField<Where> {
  return { type: 'number', where: (clause) => ({ [column]: { [NUMERIC_OPS[clause.op as keyof typeof NUMERIC_OPS]]: clause.value } }) as Where };
}

/** An id or code matched exactly (Stripe has no substring match on these); `map` turns the wire value into the column's. */
export function exactField<Where>(column: string, options: { nullable?: boolean; map?: (value: string) => unknown } = {}): SearchField<Where> {
  const where = (clause: SearchClause): Where => {
    if (clause.op === '~') throw new PaygateError('search_query_invalid', `'${clause.field}' does not support ~: use :.`, { param: 'query' });
    if (clause.value === null) return { [column]: null } as Where;
    return { [column]: options.map ? options.map(String(clause.value)) : String(clause.value) } as Where;
  };
  return options.nullable ? { type: 'string', where, nullableColumn: column } : { type: 'string', where };
}

export function metadataField<Where>(): SearchField<Where> {
  return {
    type: 'metadata',
    where: (clause) => {
      if (clause.op === '~') throw new PaygateError('search_query_invalid', 'metadata values are matched exactly: use :.', { param: 'query' });
      return { metadata: { path: [clause.metadataKey!], equals: String(clause.value) } } as Where;
    },
  };
}

export function stripeSearchWhere<Where>(query: string, fields: Readonly<Record<string, SearchField<Where>>>): Where {
  const types = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.type]));
  const parsed = parseSearchFor(query, types);
  const clauses = parsed.clauses.map((clause) => {
    const field = fields[clause.field]!;
    const positive = field.where(clause);
    if (!clause.negated) return positive;
    if (field.nullableColumn && clause.value !== null) return { OR: [{ NOT: positive }, { [field.nullableColumn]: null }] };
    return { NOT: positive };
  });
  return (parsed.combinator === 'OR' ? { OR: clauses } : { AND: clauses }) as Where;
}
