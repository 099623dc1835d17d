import { registry, toStripeError, type Logger } from '@paygate/chassis';
import type { KeyOwner } from '../db/accounts';
import { ROUTES } from '../routes';
import { checkRateLimits, isPaymentRoute, limitsOf, PAYMENT_ROUTES, RateLimitExceeded } from './rate-limit';
import { FailOpenRateLimiter, UNAVAILABLE_LOG_EVERY_MS, type CounterResult, type RateLimitStore } from './rate-limiter';

const owner = (rateLimits: KeyOwner['rateLimits'] = { perMinute: null, paymentsPerMinute: null }): KeyOwner => ({ account: 'acct_1', type: 'secret', keyId: 'key-1', rateLimits });
const defaults = { perMinute: 1000, paymentsPerMinute: 100 };

/** Counters in a Map, or a store that is down: the limiter's logic without Redis. */
function memoryStore(): RateLimitStore & { down: boolean; asked: number } {
  const counts = new Map<string, number>();
  return {
    down: false,
    asked: 0,
    async consume(scope, key, limit, points): Promise<CounterResult> {
      this.asked += 1;
      if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      const count = (counts.get(`${scope}:${key}`) ?? 0) + points;
      counts.set(`${scope}:${key}`, count);
      return { allowed: count <= limit, msBeforeNext: 41_500 };
    },
    async close() {},
  };
}

function recordingLogger() {
  const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => void lines.push({ level, msg, fields });
  return { lines, logger: { warn: at('warn'), info: at('info'), debug: at('debug'), error: at('error') } as unknown as Logger };
}

const unavailableTotal = async () => (await registry.getSingleMetric('paygate_rate_limit_unavailable_total')!.get()).values[0]?.value ?? 0;

describe('which routes create payments', () => {
  it('every entry of PAYMENT_ROUTES is a route of the table (a rename cannot drop its limit)', () => {
    const table = new Set(ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    for (const route of PAYMENT_ROUTES) expect([route, table.has(route)]).toEqual([route, true]);
  });

  it('matches the concrete paths, nothing else', () => {
    expect(isPaymentRoute('POST', '/v1/payment_intents')).toBe(true);
    expect(isPaymentRoute('POST', '/v1/payment_intents/pi_123/confirm')).toBe(true);
    expect(isPaymentRoute('POST', '/v1/invoices/in_123/pay')).toBe(true);
    expect(isPaymentRoute('POST', '/v1/refunds/')).toBe(true);
    expect(isPaymentRoute('GET', '/v1/charges')).toBe(false);
    expect(isPaymentRoute('POST', '/v1/payment_intents/pi_123')).toBe(false);
    expect(isPaymentRoute('POST', '/v1/payment_intents/pi_123/capture')).toBe(false);
    expect(isPaymentRoute('POST', '/v1/charges/ch_1/refunds/x')).toBe(false);
    expect(isPaymentRoute('POST', '/v1/customers')).toBe(false);
  });
});

describe('checkRateLimits', () => {
  it('refuses the 101st payment of a minute with Stripe’s 429 rate_limit, naming the payment limit', async () => {
    const limiter = new FailOpenRateLimiter(memoryStore(), recordingLogger().logger);
    for (let i = 0; i < 100; i += 1) expect(await checkRateLimits(limiter, owner(), defaults, { requests: 1, payments: 1 })).toBeNull();
    const refused = await checkRateLimits(limiter, owner(), defaults, { requests: 1, payments: 1 });
    expect(refused).toBeInstanceOf(RateLimitExceeded);
    expect(refused).toMatchObject({ scope: 'payments', limit: 100, retryAfterSeconds: 42 });
    expect(toStripeError(refused!.code, refused!.message)).toEqual({
      status: 429,
      body: { error: { type: 'invalid_request_error', code: 'rate_limit', doc_url: 'https://stripe.com/docs/error-codes/rate-limit', message: expect.stringMatching(/^Request rate limit exceeded: this API key may make 100 payment-creating requests a minute\. Retry after 42 seconds/) } },
    });
    // Other requests still have room under the 1000.
    expect(await checkRateLimits(limiter, owner(), defaults, { requests: 1, payments: 0 })).toBeNull();
  });

  it('takes an account’s own limits over the defaults', async () => {
    expect(limitsOf(owner({ perMinute: 5, paymentsPerMinute: null }), defaults)).toEqual({ perMinute: 5, paymentsPerMinute: 100 });
    const limiter = new FailOpenRateLimiter(memoryStore(), recordingLogger().logger);
    const limits = limitsOf(owner({ perMinute: 3, paymentsPerMinute: null }), defaults);
    for (let i = 0; i < 3; i += 1) expect(await checkRateLimits(limiter, owner(), limits, { requests: 1, payments: 0 })).toBeNull();
    expect(await checkRateLimits(limiter, owner(), limits, { requests: 1, payments: 0 })).toMatchObject({ scope: 'requests', limit: 3 });
  });

  it('counts n payments at once (a /graphql document with n payment mutations)', async () => {
    const limiter = new FailOpenRateLimiter(memoryStore(), recordingLogger().logger);
    expect(await checkRateLimits(limiter, owner(), defaults, { requests: 0, payments: 100 })).toBeNull();
    expect(await checkRateLimits(limiter, owner(), defaults, { requests: 0, payments: 1 })).toMatchObject({ scope: 'payments' });
  });
});

describe('fail open when the counters cannot be asked', () => {
  it('serves the request unchecked, counts it in paygate_rate_limit_unavailable_total, and logs once a minute, not per request', async () => {
    const store = memoryStore();
    const { lines, logger } = recordingLogger();
    let clock = 1_000_000;
    const limiter = new FailOpenRateLimiter(store, logger, () => clock);
    const before = await unavailableTotal();
    store.down = true;
    for (let i = 0; i < 50; i += 1) {
      expect(await checkRateLimits(limiter, owner({ perMinute: 1, paymentsPerMinute: 1 }), limitsOf(owner({ perMinute: 1, paymentsPerMinute: 1 }), defaults), { requests: 1, payments: 1 })).toBeNull();
      clock += 100;
    }
    expect(await unavailableTotal()).toBe(before + 50);
    expect(lines.filter((l) => l.level === 'warn')).toEqual([
      { level: 'warn', msg: 'rate-limit store unavailable: serving requests without rate limits (fail open)', fields: { err: 'connect ECONNREFUSED 127.0.0.1:1', downForMs: 0, unchecked: 1 } },
    ]);
    clock += UNAVAILABLE_LOG_EVERY_MS;
    await limiter.check([{ scope: 'requests', key: 'k', limit: 1, points: 1 }]);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.fields.unchecked)).toEqual([1, 50]);

    store.down = false;
    expect(await limiter.check([{ scope: 'requests', key: 'k', limit: 1, points: 1 }])).toEqual([{ allowed: true, msBeforeNext: 41_500 }]);
    expect(lines.at(-1)).toMatchObject({ level: 'info', msg: 'rate-limit store reachable again: limits enforced' });
  });
});
