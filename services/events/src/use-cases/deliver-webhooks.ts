import { contextFromTraceParent, outsideTraces, SpanKind, withSpan, type Logger, type PgSql, type RawSql } from '@paygate/chassis';
import { eventObject } from '@paygate/rest-edge/src/objects/event';
import { Agent, request } from 'undici';
import { claimDueDelivery, markDelivery, nextDueAt, type ClaimedDelivery } from '../db/delivery-claims';
import { afterAttempt, DELIVERY_TIMEOUT_MS, type AttemptResult } from '../domain/delivery-status';
import { guardedLookup } from '../domain/endpoint-url';
import { openSecret } from '../domain/secret-seal';
import { signatureHeader } from '../domain/webhook-signature';

/** Stripe's own user agent: receivers that recognise Stripe's requests recognise these. */
export const WEBHOOK_USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';
/** With nothing due, the worker looks again this often (one read of the (status, next_attempt_at) index). */
export const IDLE_POLL_MS = 5_000;

export interface DeliveryWorkerOptions {
  sql: PgSql;
  secretKey: Buffer;
  /** Delays between attempts (retry-schedule.ts). */
  schedule: readonly number[];
  concurrency: number;
  allowPrivateUrls: boolean;
  logger: Logger;
}

/** The webhook body: the event as GET /v1/events/:id renders it, with pending_webhooks as of now. */
export function webhookBody(claimed: ClaimedDelivery): string {
  const { event } = claimed;
  return JSON.stringify(
    eventObject.render(
      {
        id: event.id,
        account: event.account,
        apiVersion: claimed.endpointApiVersion ?? event.apiVersion,
        created: event.created,
        data: event.data,
        livemode: false,
        pendingWebhooks: event.pendingWebhooks,
        request: { id: event.requestId, idempotencyKey: event.idempotencyKey },
        type: event.type,
      },
      {},
    ),
  );
}

/**
 * Sends due webhook deliveries. Each attempt is one transaction on its own connection: claim the
 * oldest due row (FOR UPDATE SKIP LOCKED, so replicas and slots never take the same one), POST it
 * signed, record the outcome, commit. A crash before the commit rolls the claim back and the row is
 * sent again (at least once, as Stripe's); an acknowledged row is committed `succeeded` and never
 * claimed again. Wakes on nudge() (the consumer stored deliveries), at the next due retry, and
 * otherwise every IDLE_POLL_MS.
 */
export class DeliveryWorker {
  private readonly agent: Agent;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: DeliveryWorkerOptions) {
    // Every connection is resolved through the SSRF guard (unless private addresses are allowed).
    this.agent = new Agent({ connect: { lookup: guardedLookup(options.allowPrivateUrls) }, keepAliveTimeout: 4_000, connections: options.concurrency });
  }

  start(): void {
    this.nudge();
  }

  /** Deliveries were committed (or may be due): drain now. */
  nudge(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Claims are not charged to whichever trace nudged the worker; each attempt joins its event's trace (post()).
    this.draining = outsideTraces(() => this.drain()).finally(() => {
      this.draining = null;
      void this.arm();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining;
    await this.agent.close();
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        await Promise.all(Array.from({ length: this.options.concurrency }, () => this.drainSlot()));
      } catch (err) {
        this.options.logger.error({ err }, 'webhook delivery worker failed; it tries again at the next poll');
        return;
      }
    } while (this.again && !this.stopped);
  }

  private async drainSlot(): Promise<void> {
    while (!this.stopped && (await this.options.sql.$transaction((tx) => this.attemptOne(tx)))) {
      // next due row
    }
  }

  /** Sleep until the next due retry, at most IDLE_POLL_MS; then one index read decides whether to drain. */
  private async arm(): Promise<void> {
    if (this.stopped) return;
    let delay = IDLE_POLL_MS;
    try {
      const due = await nextDueAt(this.options.sql);
      if (due) delay = Math.max(0, Math.min(IDLE_POLL_MS, due.getTime() - Date.now()));
    } catch (err) {
      this.options.logger.warn({ err }, 'could not read when the next webhook is due');
    }
    if (this.stopped || this.draining) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.wakeIfDue();
    }, delay);
    this.timer.unref();
  }

  private async wakeIfDue(): Promise<void> {
    let due: Date | null = null;
    try {
      due = await nextDueAt(this.options.sql);
    } catch (err) {
      this.options.logger.warn({ err }, 'could not read when the next webhook is due');
    }
    if (due && due.getTime() <= Date.now()) this.nudge();
    else void this.arm();
  }

  private async attemptOne(tx: RawSql): Promise<boolean> {
    const claimed = await claimDueDelivery(tx);
    if (!claimed) return false;
    const attempts = claimed.attempts + 1;
    if (!claimed.endpointLive) {
      await markDelivery(tx, claimed.id, { status: 'canceled', attempts: claimed.attempts, nextAttemptAt: null, statusCode: null, error: 'endpoint disabled or deleted', attemptedAt: null });
      return true;
    }
    const result = await this.tracedPost(claimed, attempts);
    const attemptedAt = new Date();
    const outcome = afterAttempt(result, attempts, this.options.schedule, attemptedAt);
    await markDelivery(tx, claimed.id, { ...outcome, attempts, attemptedAt });
    const log = { eventId: claimed.event.id, type: claimed.event.type, endpoint: claimed.endpointId, attempt: attempts, status: outcome.status, statusCode: outcome.statusCode };
    if (outcome.status === 'succeeded') this.options.logger.debug(log, 'webhook delivered');
    else this.options.logger.warn({ ...log, error: outcome.error, nextAttemptAt: outcome.nextAttemptAt }, 'webhook delivery failed');
    return true;
  }

  /**
   * One attempt as a span in the event's trace. Hand-made: the undici instrumentation is kept off
   * these requests (chassis tracing-sdk.ts) so that no trace header of ours goes to a merchant.
   */
  private tracedPost(claimed: ClaimedDelivery, attempt: number): Promise<AttemptResult> {
    let host = '';
    try {
      host = new URL(claimed.url).host;
    } catch {
      // an unparseable URL fails in post() and is recorded there
    }
    return withSpan(
      `webhook deliver ${claimed.event.type}`,
      {
        kind: SpanKind.CLIENT,
        parent: contextFromTraceParent(claimed.traceContext),
        attributes: {
          'paygate.event_id': claimed.event.id,
          'paygate.event_type': claimed.event.type,
          'paygate.account': claimed.event.account,
          'paygate.webhook_endpoint': claimed.endpointId,
          'paygate.webhook_attempt': attempt,
          'server.address': host,
        },
      },
      async (span) => {
        const result = await this.post(claimed);
        if ('statusCode' in result) span?.setAttribute('http.response.status_code', result.statusCode);
        else span?.setAttribute('error.type', result.error.slice(0, 200));
        return result;
      },
    );
  }

  private async post(claimed: ClaimedDelivery): Promise<AttemptResult> {
    try {
      const body = webhookBody(claimed);
      const secret = openSecret(this.options.secretKey, claimed.endpointId, claimed.secretSealed);
      const response = await request(claimed.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': WEBHOOK_USER_AGENT,
          'stripe-signature': signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
          'cache-control': 'no-cache',
        },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      // The answer's body is not read, only drained (within the same 10 s).
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return { statusCode: response.statusCode };
    } catch (err) {
      return { error: (err as Error).name === 'TimeoutError' ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : (err as Error).message };
    }
  }
}
