import { PaygateError } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';
import type { KeyOwner } from '../db/accounts';
import { rateLimited, type FailOpenRateLimiter } from './rate-limiter';
import type { RestRoute } from './route-table';

/** The two counters every API key has: all its requests, and of those the ones that create a payment. */
export type RateLimitScope = 'requests' | 'payments';

export interface RateLimitDefaults {
  perMinute: number;
  paymentsPerMinute: number;
}

/**
 * Routes that move money for a new payment (seed 002: 100 a minute, against 1000 for everything):
 * creating or confirming an intent, a charge, a refund, a payout, paying an invoice. A route missing
 * from the table fails the unit test, so a rename cannot drop its limit silently.
 */
export const PAYMENT_ROUTES = [
  'POST /v1/payment_intents',
  'POST /v1/payment_intents/:id/confirm',
  'POST /v1/charges',
  'POST /v1/refunds',
  'POST /v1/payouts',
  'POST /v1/invoices/:id/pay',
] as const;

/** Graph mutations that create a payment without a REST route of their own (the hosted pages' operations, callable at /graphql). */
const PAYMENT_ONLY_MUTATIONS = ['completeCheckoutSession', 'payInvoiceFromHostedPage'];

const PATTERNS = PAYMENT_ROUTES.map((route) => {
  const [method, path] = route.split(' ') as [string, string];
  return { method, regex: new RegExp(`^${path.replace(/:[a-z_]+/g, '[^/]+')}/?$`) };
});

export function isPaymentRoute(method: string, path: string): boolean {
  return PATTERNS.some((p) => p.method === method && p.regex.test(path));
}

/** The graph mutations behind PAYMENT_ROUTES, and the hosted pages' ones: what the /graphql door counts as payments. */
export function paymentMutationFields(routes: readonly RestRoute[]): ReadonlySet<string> {
  const fields = routes.filter((r) => isPaymentRoute(r.method.toUpperCase(), r.path)).map((r) => r.operation.field);
  return new Set([...fields, ...PAYMENT_ONLY_MUTATIONS]);
}

/** An account's own limits, else the edge's defaults. */
export function limitsOf(owner: KeyOwner, defaults: RateLimitDefaults): RateLimitDefaults {
  return { perMinute: owner.rateLimits.perMinute ?? defaults.perMinute, paymentsPerMinute: owner.rateLimits.paymentsPerMinute ?? defaults.paymentsPerMinute };
}

/** Over a limit: Stripe's 429 (`rate_limit`, which stripe-node raises as StripeRateLimitError), with when to come back. */
export class RateLimitExceeded extends PaygateError {
  constructor(
    readonly scope: RateLimitScope,
    readonly limit: number,
    readonly retryAfterSeconds: number,
  ) {
    const what = scope === 'payments' ? 'payment-creating requests' : 'requests';
    super('rate_limit', `Request rate limit exceeded: this API key may make ${limit} ${what} a minute. Retry after ${retryAfterSeconds} seconds; see https://docs.stripe.com/rate-limits.`);
  }
}

/**
 * Counts a request against its key's counters before anything else runs (no body is read, no graph
 * call made), so a refused request has no effect. `points.payments`: how many payments it creates (1
 * for a payment route; the /graphql door counts the payment mutations in its document).
 * Returns the refusal, or null when allowed — or when the counters could not be asked (fail open).
 */
export async function checkRateLimits(limiter: FailOpenRateLimiter, owner: KeyOwner, limits: RateLimitDefaults, points: Record<RateLimitScope, number>): Promise<RateLimitExceeded | null> {
  const checks: { scope: RateLimitScope; key: string; limit: number; points: number }[] = [];
  if (points.requests > 0) checks.push({ scope: 'requests', key: owner.keyId, limit: limits.perMinute, points: points.requests });
  if (points.payments > 0) checks.push({ scope: 'payments', key: owner.keyId, limit: limits.paymentsPerMinute, points: points.payments });
  if (!checks.length) return null;
  const results = await limiter.check(checks);
  if (!results) return null;
  // The narrower limit first: a refused payment says it was the payment limit.
  for (const i of checks.map((_, index) => index).reverse()) {
    const result = results[i]!;
    if (!result.allowed) {
      rateLimited.inc({ scope: checks[i]!.scope });
      return new RateLimitExceeded(checks[i]!.scope, checks[i]!.limit, Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
    }
  }
  return null;
}

/**
 * Express: every authenticated /v1 and /graphql request, before its body is read. A refusal is
 * Stripe's error by default; `reply` answers it in another shape (the /graphql door's).
 */
export function rateLimit(limiter: FailOpenRateLimiter, defaults: RateLimitDefaults, reply?: (res: Response, refused: RateLimitExceeded) => void) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const owner = res.locals.keyOwner as KeyOwner;
      const path = `${req.baseUrl}${req.path}`;
      const refused = await checkRateLimits(limiter, owner, limitsOf(owner, defaults), { requests: 1, payments: isPaymentRoute(req.method, path) ? 1 : 0 });
      if (!refused) return next();
      res.set('Retry-After', String(refused.retryAfterSeconds));
      if (reply) return reply(res, refused);
      next(refused);
    } catch (err) {
      next(err);
    }
  };
}
