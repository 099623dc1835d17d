import { buildEvent, decodePageToken, encodePageToken, type EventType, fail, type ListArgs, listPage, newId, type Page, parseLimit, writeOutboxEvent } from '@paygate/chassis';
import {
  changedFields,
  newCustomerState,
  updatedCustomerState,
  type CustomerCreateParams,
  type CustomerState,
  type CustomerUpdateParams,
} from '../domain/customer';
import { DEFAULT_BALANCE_CURRENCY } from '../domain/customer-balance';
import { appendBalanceTransactions } from './balance-transactions';
import type { CustomerTx, PrismaClient } from './client';
import { customerSearchWhere } from './customer-search';
import { Prisma, type Customer as CustomerRow } from './generated/client';

/** The customer as the graph shows it (GraphQL `Customer`). */
export interface CustomerNode extends CustomerState {
  id: string;
  created: number;
  livemode: false;
  deleted: boolean;
  currency: string | null;
  nextInvoiceSequence: number;
  defaultSource: null;
  delinquent: boolean;
}

export function toCustomerNode(row: CustomerRow): CustomerNode {
  return {
    id: row.id,
    created: row.created,
    livemode: false,
    deleted: row.deletedAt !== null,
    email: row.email,
    name: row.name,
    description: row.description,
    phone: row.phone,
    address: row.address as CustomerNode['address'],
    shipping: row.shipping as CustomerNode['shipping'],
    balance: row.balance,
    currency: row.currency,
    defaultSource: null,
    delinquent: false,
    invoicePrefix: row.invoicePrefix,
    nextInvoiceSequence: row.nextInvoiceSequence,
    invoiceSettings: row.invoiceSettings as CustomerNode['invoiceSettings'],
    preferredLocales: row.preferredLocales,
    taxExempt: row.taxExempt,
    metadata: row.metadata as CustomerNode['metadata'],
  };
}

/** The stored columns of a state, and nothing else (a node carries more). JSON null is SQL NULL. */
function stateColumns(state: CustomerState) {
  const json = (value: unknown) => (value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));
  return {
    email: state.email,
    name: state.name,
    description: state.description,
    phone: state.phone,
    address: json(state.address),
    shipping: json(state.shipping),
    balance: state.balance,
    invoicePrefix: state.invoicePrefix,
    invoiceSettings: state.invoiceSettings as Prisma.InputJsonValue,
    preferredLocales: state.preferredLocales,
    taxExempt: state.taxExempt,
    metadata: state.metadata as Prisma.InputJsonValue,
  };
}

/** Writes of one customer queue on its row lock: under a burst they wait for it rather than fail. */
export const BALANCE_TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/** The customer.* event of a change, in the change's transaction (customer.updated carries previous_attributes). */
export async function writeCustomerEvent(tx: CustomerTx, type: EventType, account: string, node: CustomerNode, previous?: Record<string, unknown>): Promise<void> {
  const event = buildEvent(type, account, { object: 'customer', ...node });
  if (previous) (event.data as Record<string, unknown>).previous_attributes = previous;
  await writeOutboxEvent(tx, event);
}

/**
 * Locks a live customer of this account (SELECT … FOR UPDATE) for the rest of the transaction: every
 * write to a customer, its balance above all, goes through this lock, so none reads a stale balance.
 */
export async function lockLiveCustomer(tx: CustomerTx, account: string, id: string, param?: string): Promise<CustomerRow> {
  await tx.$queryRawUnsafe('SELECT 1 FROM customers WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
  const row = await tx.customer.findFirst({ where: { id, account, deletedAt: null } });
  if (!row) throw fail.missing('customer', id, param);
  return row;
}

/**
 * Customer persistence. Every read and write is scoped to the calling account; every state change
 * writes its customer.* event to the outbox in the same transaction, then nudges the relay.
 */
export class CustomerStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly afterCommit: () => void = () => {},
  ) {}

  /** A balance given at creation is the customer's first balance transaction (type initial). */
  async create(account: string, input: CustomerCreateParams): Promise<CustomerNode> {
    const state = newCustomerState(input);
    const node = await this.prisma.$transaction(async (tx) => {
      const created = Math.floor(Date.now() / 1000);
      const currency = state.balance !== 0 ? DEFAULT_BALANCE_CURRENCY : null;
      const row = await tx.customer.create({ data: { id: newId('customer'), account, created, ...stateColumns(state), currency } });
      const node = toCustomerNode(row);
      await writeCustomerEvent(tx, 'customer.created', account, node);
      if (currency) await appendBalanceTransactions(tx, account, { id: row.id, balance: 0, currency }, currency, [{ type: 'initial', amount: state.balance }], created);
      return node;
    });
    this.afterCommit();
    return node;
  }

  /** A customer of this account, deleted ones included, or null (another account's id is simply not there). */
  async find(account: string, id: string): Promise<CustomerNode | null> {
    const row = await this.prisma.customer.findFirst({ where: { id, account } });
    return row ? toCustomerNode(row) : null;
  }

  /** As find, but a missing customer is Stripe's 404 (a deleted one returns its stub). */
  async retrieve(account: string, id: string): Promise<CustomerNode> {
    const node = await this.find(account, id);
    if (!node) throw fail.missing('customer', id);
    return node;
  }

  /**
   * A new `balance` is an adjustment balance transaction for the difference, in the customer's currency
   * (usd, which the customer then takes, when it has none), so the balance stays the sum of its transactions.
   */
  async update(account: string, id: string, input: CustomerUpdateParams): Promise<CustomerNode> {
    const node = await this.prisma.$transaction(async (tx) => {
      const row = await lockLiveCustomer(tx, account, id);
      const before = toCustomerNode(row);
      const after = updatedCustomerState(before, input);
      const changed = changedFields(before, after);
      if (changed.length === 0) return before;
      const previous: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, before[k]]));
      let currency = row.currency;
      if (after.balance !== before.balance) {
        currency ??= DEFAULT_BALANCE_CURRENCY;
        if (row.currency === null) previous.currency = null;
        await appendBalanceTransactions(tx, account, row, currency, [{ type: 'adjustment', amount: after.balance - before.balance }], Math.floor(Date.now() / 1000));
      }
      const updated = toCustomerNode(await tx.customer.update({ where: { id }, data: { ...stateColumns(after), currency } }));
      await writeCustomerEvent(tx, 'customer.updated', account, updated, previous);
      return updated;
    }, BALANCE_TX_OPTIONS);
    this.afterCommit();
    return node;
  }

  async delete(account: string, id: string): Promise<{ id: string; deleted: true }> {
    await this.prisma.$transaction(async (tx) => {
      await lockLiveCustomer(tx, account, id);
      const row = await tx.customer.update({ where: { id }, data: { deletedAt: new Date() } });
      await writeCustomerEvent(tx, 'customer.deleted', account, toCustomerNode(row));
    });
    this.afterCommit();
    return { id, deleted: true };
  }

  async list(account: string, args: ListArgs & { email?: string | null }): Promise<Page<CustomerNode>> {
    const live: Prisma.CustomerWhereInput = { account, deletedAt: null, ...(args.email ? { email: args.email } : {}) };
    return listPage(this.prisma.customer, { where: live, cursorWhere: { account }, kind: 'customer', toNode: toCustomerNode }, args);
  }

  async search(account: string, query: string, limit?: number | null, pageToken?: string | null) {
    const take = parseLimit(limit);
    const below = pageToken ? decodePageToken(pageToken) : undefined;
    const rows = await this.prisma.customer.findMany({
      where: { AND: [{ account, deletedAt: null }, customerSearchWhere(query), below ? { seq: { lt: below } } : {}] },
      orderBy: { seq: 'desc' },
      take: take + 1,
    });
    const hasMore = rows.length > take;
    const data = rows.slice(0, take);
    const last = data[data.length - 1];
    return { data: data.map(toCustomerNode), hasMore, nextPage: hasMore && last ? encodePageToken(last.seq) : null };
  }
}
