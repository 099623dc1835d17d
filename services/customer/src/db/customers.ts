import { buildEvent, decodePageToken, encodePageToken, type EventType, fail, type ListArgs, listPage, newId, type Page, parseLimit, writeOutboxEvent } from '@paygate/chassis';
import {
  changedFields,
  newCustomerState,
  updatedCustomerState,
  type CustomerCreateParams,
  type CustomerState,
  type CustomerUpdateParams,
} from '../domain/customer';
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

/**
 * Customer persistence. Every read and write is scoped to the calling account; every state change
 * writes its customer.* event to the outbox in the same transaction, then nudges the relay.
 */
export class CustomerStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly afterCommit: () => void = () => {},
  ) {}

  private async emit(tx: CustomerTx, type: EventType, account: string, node: CustomerNode, previous?: Record<string, unknown>) {
    const event = buildEvent(type, account, { object: 'customer', ...node });
    if (previous) (event.data as Record<string, unknown>).previous_attributes = previous;
    await writeOutboxEvent(tx, event);
  }

  async create(account: string, input: CustomerCreateParams): Promise<CustomerNode> {
    const state = newCustomerState(input);
    const node = await this.prisma.$transaction(async (tx) => {
      const row = await tx.customer.create({
        data: { id: newId('customer'), account, created: Math.floor(Date.now() / 1000), ...stateColumns(state) },
      });
      const created = toCustomerNode(row);
      await this.emit(tx, 'customer.created', account, created);
      return created;
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

  private async lockLive(tx: CustomerTx, account: string, id: string): Promise<CustomerRow> {
    await tx.$queryRawUnsafe('SELECT 1 FROM customers WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
    const row = await tx.customer.findFirst({ where: { id, account, deletedAt: null } });
    if (!row) throw fail.missing('customer', id);
    return row;
  }

  async update(account: string, id: string, input: CustomerUpdateParams): Promise<CustomerNode> {
    const node = await this.prisma.$transaction(async (tx) => {
      const row = await this.lockLive(tx, account, id);
      const before = toCustomerNode(row);
      const after = updatedCustomerState(before, input);
      const changed = changedFields(before, after);
      if (changed.length === 0) return before;
      const updated = toCustomerNode(await tx.customer.update({ where: { id }, data: stateColumns(after) }));
      await this.emit(tx, 'customer.updated', account, updated, Object.fromEntries(changed.map((k) => [k, before[k]])));
      return updated;
    });
    this.afterCommit();
    return node;
  }

  async delete(account: string, id: string): Promise<{ id: string; deleted: true }> {
    await this.prisma.$transaction(async (tx) => {
      await this.lockLive(tx, account, id);
      const row = await tx.customer.update({ where: { id }, data: { deletedAt: new Date() } });
      await this.emit(tx, 'customer.deleted', account, toCustomerNode(row));
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
