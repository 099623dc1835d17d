import { buildEvent, fail, type ListArgs, listPage, mergeMetadata, newId, type Page, PaygateError, writeOutboxEvent } from '@paygate/chassis';
import { authorize, validateChargeRequest, type ChargeOutcome } from '../domain/authorize';
import { assertCapturable, isPaid, wireChargeStatus, type ChargeStatus } from '../domain/charge-status';
import { cardDetails, type CardDetails } from '../domain/test-cards';
import type { PrismaClient } from './client';
import type { Charge as ChargeRow, Prisma } from './generated/client';

export interface ChargeCreateParams {
  amount: number;
  currency: string;
  source: string;
  capture?: boolean | null;
  description?: string | null;
  receiptEmail?: string | null;
  statementDescriptor?: string | null;
  statementDescriptorSuffix?: string | null;
  metadata?: Record<string, string> | null;
}

/** The charge as the graph shows it (balanceTransactionId becomes the BalanceTransaction reference). */
export interface ChargeNode {
  id: string;
  amount: number;
  amountCaptured: number;
  currency: string;
  created: number;
  livemode: false;
  status: string;
  paid: boolean;
  captured: boolean;
  balanceTransactionId: string | null;
  billingDetails: Record<string, unknown>;
  calculatedStatementDescriptor: string;
  description: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  outcome: ChargeOutcome;
  paymentMethod: string;
  paymentMethodDetails: { type: 'card'; card: CardDetails };
  receiptEmail: string | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  metadata: Record<string, string>;
}

export function toChargeNode(row: ChargeRow, defaultDescriptor: string): ChargeNode {
  const status = row.status as ChargeStatus;
  return {
    id: row.id,
    amount: row.amount,
    amountCaptured: row.amountCaptured,
    currency: row.currency,
    created: row.created,
    livemode: false,
    status: wireChargeStatus(status),
    paid: isPaid(status),
    captured: row.captured,
    balanceTransactionId: row.balanceTransactionId,
    billingDetails: row.billingDetails as Record<string, unknown>,
    calculatedStatementDescriptor: row.statementDescriptor ?? defaultDescriptor,
    description: row.description,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    outcome: row.outcome as unknown as ChargeOutcome,
    paymentMethod: row.paymentMethodId,
    paymentMethodDetails: { type: 'card', card: row.card as unknown as CardDetails },
    receiptEmail: row.receiptEmail,
    statementDescriptor: row.statementDescriptor,
    statementDescriptorSuffix: row.statementDescriptorSuffix,
    metadata: row.metadata as Record<string, string>,
  };
}

/** `funds` rides along for the ledger (when the money becomes available); it is not a Stripe field. */
function chargeEvent(type: 'charge.succeeded' | 'charge.failed' | 'charge.captured', account: string, node: ChargeNode, funds: string) {
  return buildEvent(type, account, { object: 'charge', ...node, funds });
}

export interface ChargeStoreOptions {
  fingerprintKey: string;
  statementDescriptor: string;
  afterCommit?: () => void;
}

/**
 * Charges: authorize on the simulated network, then in ONE transaction the charge row (with its
 * balance transaction id) and its outbox event. A decline is recorded too, and answered with a
 * card error that carries the failed charge's id, as Stripe does.
 */
export class ChargeStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: ChargeStoreOptions,
  ) {}

  private node(row: ChargeRow): ChargeNode {
    return toChargeNode(row, this.options.statementDescriptor);
  }

  async create(account: string, input: ChargeCreateParams): Promise<ChargeNode> {
    const { money, card } = validateChargeRequest(input);
    const metadata = mergeMetadata({}, input.metadata ?? {});
    const decision = authorize(card, input.capture ?? true);
    const captured = decision.status === 'captured';
    const details = cardDetails(card, this.options.fingerprintKey);
    const charge = await this.prisma.$transaction(async (tx) => {
      const row = await tx.charge.create({
        data: {
          id: newId('charge'),
          account,
          created: Math.floor(Date.now() / 1000),
          amount: money.amount,
          amountCaptured: captured ? money.amount : 0,
          currency: money.currency,
          status: decision.status,
          captured,
          funds: decision.funds,
          balanceTransactionId: captured ? newId('balanceTransaction') : null,
          description: input.description ?? null,
          receiptEmail: input.receiptEmail ?? null,
          statementDescriptor: input.statementDescriptor ?? null,
          statementDescriptorSuffix: input.statementDescriptorSuffix ?? null,
          failureCode: decision.failure?.code ?? null,
          failureMessage: decision.failure?.message ?? null,
          outcome: decision.outcome as unknown as Prisma.InputJsonValue,
          paymentMethodId: newId('card'),
          card: details as unknown as Prisma.InputJsonValue,
          billingDetails: { address: null, email: null, name: null, phone: null },
          metadata,
        },
      });
      const node = this.node(row);
      const type = decision.failure ? 'charge.failed' : 'charge.succeeded';
      await writeOutboxEvent(tx, chargeEvent(type, account, node, row.funds));
      return node;
    });
    this.options.afterCommit?.();
    if (decision.failure) {
      throw new PaygateError(decision.failure.code, decision.failure.message, {
        declineCode: decision.failure.declineCode,
        charge: charge.id,
      });
    }
    return charge;
  }

  /** Captures an authorization in full: the balance transaction id is assigned now, with charge.captured. */
  async capture(account: string, id: string): Promise<ChargeNode> {
    const charge = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe('SELECT 1 FROM charges WHERE id = $1 AND account = $2 FOR UPDATE', id, account);
      const current = await tx.charge.findFirst({ where: { id, account } });
      if (!current) throw fail.missing('charge', id);
      assertCapturable(id, current.status as ChargeStatus);
      const row = await tx.charge.update({
        where: { id },
        data: { status: 'captured', captured: true, amountCaptured: current.amount, balanceTransactionId: newId('balanceTransaction') },
      });
      const node = this.node(row);
      await writeOutboxEvent(tx, chargeEvent('charge.captured', account, node, row.funds));
      return node;
    });
    this.options.afterCommit?.();
    return charge;
  }

  /** A charge of this account, or null (another account's id is simply not there). */
  async find(account: string, id: string): Promise<ChargeNode | null> {
    const row = await this.prisma.charge.findFirst({ where: { id, account } });
    return row ? this.node(row) : null;
  }

  async retrieve(account: string, id: string): Promise<ChargeNode> {
    const node = await this.find(account, id);
    if (!node) throw fail.missing('charge', id);
    return node;
  }

  async list(account: string, args: ListArgs): Promise<Page<ChargeNode>> {
    return listPage(this.prisma.charge, { where: { account }, kind: 'charge', toNode: (row) => this.node(row) }, args);
  }
}
