import { PaygateError } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';

/** `2026-10-28.endive`, `2023-08-16`, and preview versions with their betas (`2025-01-27.acacia; feature_beta=v1`). */
const API_VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?(; ?[a-z0-9_]+=v\d+)*$/;

/**
 * Whether a retry of this response can help, as stripe-node, stripe-python and the others read
 * `Stripe-Should-Retry`: yes for 409 (the same Idempotency-Key is still running) and for 5xx (the
 * edge never stores a 5xx under an Idempotency-Key, and the subgraph replays an effect it already
 * made, so the retry is safe); no for any other 4xx — the same request gets the same refusal, and a
 * 429 rate limit is over only after its Retry-After, far beyond the SDKs' sub-second backoff.
 */
export function shouldRetry(status: number): boolean | null {
  if (status === 409 || status >= 500) return true;
  if (status >= 400) return false;
  return null;
}

/**
 * Stripe's response headers on every /v1 response, whatever answers it (a route, the auth check,
 * the error handler): `Stripe-Version` — the request's own version, else the one in force — and
 * `Stripe-Should-Retry` on errors. Set when the status is written (writeHead), the one point every
 * response passes through. A malformed Stripe-Version is refused as Stripe refuses it.
 */
export function stripeHeaders(defaultVersion: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const asked = req.header('stripe-version')?.trim();
    const valid = asked === undefined || asked === '' || (asked.length <= 100 && API_VERSION.test(asked));
    res.setHeader('Stripe-Version', valid && asked ? asked : defaultVersion);
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      const retry = shouldRetry(typeof args[0] === 'number' ? args[0] : this.statusCode);
      if (retry !== null) this.setHeader('Stripe-Should-Retry', String(retry));
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    // Not echoed: a header is the client's text, and errors never repeat what they cannot vouch for.
    if (!valid) return next(new PaygateError('invalid_request', `Invalid Stripe API version: send a version such as ${defaultVersion} in Stripe-Version, or none.`));
    next();
  };
}
