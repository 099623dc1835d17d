import { parseSearchFor, type SearchClause, type SearchFieldType } from '@paygate/chassis';
import type { Prisma } from './generated/client';

/** What Stripe lets you search customers by. */
export const CUSTOMER_SEARCH_FIELDS: Readonly<Record<string, SearchFieldType>> = {
  email: 'string',
  name: 'string',
  phone: 'string',
  created: 'number',
  metadata: 'metadata',
};

type Where = Prisma.CustomerWhereInput;
const NUMERIC_OPS = { ':': 'equals', '>': 'gt', '<': 'lt', '>=': 'gte', '<=': 'lte' } as const;

/**
 * Prisma turns `contains` and case-insensitive `equals` into (I)LIKE without escaping the value:
 * its own % and _ must match literally (test/customers.int.test.ts proves both).
 */
export function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function positive(clause: SearchClause): Where {
  const { field, op, value } = clause;
  if (field === 'metadata') {
    const path = [clause.metadataKey!];
    return op === '~' ? { metadata: { path, string_contains: likeLiteral(String(value)) } } : { metadata: { path, equals: String(value) } };
  }
  if (field === 'created') return { created: { [NUMERIC_OPS[op as keyof typeof NUMERIC_OPS]]: value as number } };
  const column = field as 'email' | 'name' | 'phone';
  if (value === null) return { [column]: null };
  return { [column]: op === '~' ? { contains: likeLiteral(value as string), mode: 'insensitive' } : { equals: likeLiteral(value as string), mode: 'insensitive' } };
}

function clauseWhere(clause: SearchClause): Where {
  const where = positive(clause);
  if (!clause.negated) return where;
  // SQL's NOT drops NULL rows; Stripe's negation keeps customers that have no value at all.
  if (clause.field === 'email' || clause.field === 'name' || clause.field === 'phone') {
    return clause.value === null ? { NOT: where } : { OR: [{ NOT: where }, { [clause.field]: null }] };
  }
  return { NOT: where };
}

/** Stripe's search query → a Prisma filter (pure; the caller adds account and deleted filters). */
export function customerSearchWhere(query: string): Where {
  const parsed = parseSearchFor(query, CUSTOMER_SEARCH_FIELDS);
  const clauses = parsed.clauses.map(clauseWhere);
  return parsed.combinator === 'OR' ? { OR: clauses } : { AND: clauses };
}
