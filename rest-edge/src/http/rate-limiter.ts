import { registry, type Logger } from '@paygate/chassis';
import { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** What a counter said: under the limit, or over it until `msBeforeNext` from now. */
export interface CounterResult {
  allowed: boolean;
  msBeforeNext: number;
}

/** Fixed one-minute windows per (scope, key), `limit` points each. Throws when the store cannot answer. */
export interface RateLimitStore {
  consume(scope: string, key: string, limit: number, points: number): Promise<CounterResult>;
  close(): Promise<void>;
}

export const WINDOW_SECONDS = 60;

/**
 * A hung Redis (no RST, no reply) fails a request's check after this long instead of holding it:
 * generous against event-loop stalls under load (the round trip itself is ~0.1 ms here), short
 * enough that a dead Redis costs a request little until ioredis notices the connection is gone.
 */
const COMMAND_TIMEOUT_MS = 500;

/**
 * rate-limiter-flexible's atomic counter (one Lua INCR + PTTL per check) on ioredis. One limiter
 * per (scope, limit) — an account's own limit is just another limiter over the same keys — and a
 * key already over its limit is refused from memory for the rest of its window, without Redis.
 * Disconnected, a check throws at once (no offline queue): the caller decides what that means.
 */
export function redisRateLimitStore(url: string, keyPrefix: string, logger: Logger): RateLimitStore {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: COMMAND_TIMEOUT_MS, connectTimeout: 2_000 });
  // Reconnection is ioredis' own (backoff up to 2 s); its error events are reported by the limiter, per request that passed unchecked.
  redis.on('error', (err: Error) => logger.debug({ err: err.message }, 'redis connection error'));
  const limiters = new Map<string, RateLimiterRedis>();
  const limiterFor = (scope: string, limit: number) => {
    const id = `${scope}:${limit}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${keyPrefix}:${scope}`,
        points: limit,
        duration: WINDOW_SECONDS,
        rejectIfRedisNotReady: true,
        inMemoryBlockOnConsumed: limit + 1,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    async consume(scope, key, limit, points) {
      try {
        const res = await limiterFor(scope, limit).consume(key, points);
        return { allowed: true, msBeforeNext: res.msBeforeNext };
      } catch (rejection) {
        // The library rejects with a RateLimiterRes when over the limit, with an Error when Redis failed.
        if (rejection instanceof RateLimiterRes) return { allowed: false, msBeforeNext: rejection.msBeforeNext };
        throw rejection;
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}

const unavailable = new Counter({
  name: 'paygate_rate_limit_unavailable_total',
  help: 'Requests served without a rate-limit check because the counter store (Redis) did not answer (fail open)',
  registers: [registry],
});

export const rateLimited = new Counter({
  name: 'paygate_rate_limited_total',
  help: 'Requests refused with 429 rate_limit, by scope (requests | payments)',
  labelNames: ['scope'] as const,
  registers: [registry],
});

/** While the store is down, one warning now and then (with how many requests went unchecked), not one per request. */
export const UNAVAILABLE_LOG_EVERY_MS = 60_000;

/**
 * Fail open: when the store cannot answer, the request is served unchecked, counted in
 * paygate_rate_limit_unavailable_total and reported in the log at most once a minute. A limit
 * protects capacity; it must not turn a Redis outage into an outage of payments.
 */
export class FailOpenRateLimiter {
  private downSince: number | null = null;
  private uncheckedSinceLog = 0;
  private lastLogAt = 0;

  constructor(
    private readonly store: RateLimitStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Each check in `checks` consumes `points` from its counter; all are asked at once (one round trip). Null: unchecked. */
  async check(checks: readonly { scope: string; key: string; limit: number; points: number }[]): Promise<CounterResult[] | null> {
    try {
      const results = await Promise.all(checks.map((c) => this.store.consume(c.scope, c.key, c.limit, c.points)));
      if (this.downSince !== null) {
        this.logger.info({ downForMs: this.now() - this.downSince, unchecked: this.uncheckedSinceLog }, 'rate-limit store reachable again: limits enforced');
        this.downSince = null;
        this.uncheckedSinceLog = 0;
      }
      return results;
    } catch (err) {
      this.failedOpen(err as Error);
      return null;
    }
  }

  private failedOpen(err: Error): void {
    unavailable.inc();
    this.uncheckedSinceLog += 1;
    const at = this.now();
    if (this.downSince === null) this.downSince = at;
    if (at - this.lastLogAt < UNAVAILABLE_LOG_EVERY_MS) return;
    this.logger.warn({ err: err.message, downForMs: at - this.downSince, unchecked: this.uncheckedSinceLog }, 'rate-limit store unavailable: serving requests without rate limits (fail open)');
    this.lastLogAt = at;
    this.uncheckedSinceLog = 0;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
