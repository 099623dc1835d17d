import { PaygateError, parseSearchFor, type SearchClause, type SearchFieldType } from '@paygate/chassis';
import { INVOICE_STATUSES } from '../domain/invoice-status';
import type { Prisma } from './generated/client';

type Where = Prisma.InvoiceWhereInput;

/** What Stripe lets you search invoices by (https://docs.stripe.com/search#query-fields-for-invoices). */
export const INVOICE_SEARCH_FIELDS: Readonly<Record<string, SearchFieldType>> = {
  created: 'number',
  currency: 'string',
  customer: 'string',
  metadata: 'metadata',
  number: 'string',
  status: 'string',
  total: 'number',
};

const NUMERIC_OPS = { ':': 'equals', '>': 'gt', '<': 'lt', '>=': 'gte', '<=': 'lte' } as const;
const COLUMNS = { created: 'created', total: 'total', currency: 'currency', customer: 'customerId', number: 'number', status: 'status' } as const;

function exactOnly(clause: SearchClause): string | null {
  if (clause.op === '~') throw new PaygateError('search_query_invalid', `'${clause.field}' does not support ~: use :.`, { param: 'query' });
  return clause.value === null ? null : String(clause.value);
}

function positive(clause: SearchClause): Where {
  const { field, op, value } = clause;
  if (field === 'metadata') return { metadata: { path: [clause.metadataKey!], equals: exactOnly(clause) ?? '' } };
  if (field === 'created' || field === 'total') return { [COLUMNS[field]]: { [NUMERIC_OPS[op as keyof typeof NUMERIC_OPS]]: value as number } };
  if (field === 'number' && op === '~') return { number: { contains: String(value) } };
  const exact = exactOnly(clause);
  if (field === 'status' && exact !== null && !(INVOICE_STATUSES as readonly string[]).includes(exact)) {
    throw new PaygateError('search_query_invalid', `Invalid status '${exact}': one of ${INVOICE_STATUSES.join(', ')}.`, { param: 'query' });
  }
  const column = COLUMNS[field as keyof typeof COLUMNS];
  return { [column]: field === 'currency' && exact !== null ? exact.toLowerCase() : exact };
}

function clauseWhere(clause: SearchClause): Where {
  const where = positive(clause);
  if (!clause.negated) return where;
  // SQL's NOT drops NULL rows; Stripe's -number:"X" keeps drafts, which have no number.
  return clause.field === 'number' && clause.value !== null ? { OR: [{ NOT: where }, { number: null }] } : { NOT: where };
}

/** Stripe's search query → a Prisma filter (pure; the caller adds the account). */
export function invoiceSearchWhere(query: string): Where {
  const parsed = parseSearchFor(query, INVOICE_SEARCH_FIELDS);
  const clauses = parsed.clauses.map(clauseWhere);
  return parsed.combinator === 'OR' ? { OR: clauses } : { AND: clauses };
}
