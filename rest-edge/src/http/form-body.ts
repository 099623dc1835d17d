import { BodyTooLargeError, PaygateError, readBody } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';
import qs from 'qs';

/**
 * Stripe's wire format: `application/x-www-form-urlencoded` with bracket nesting, decoded by qs.
 * POST params come from the body, GET and DELETE params from the query string.
 */
export const QS_OPTIONS = {
  depth: 5,
  strictDepth: true,
  arrayLimit: 100,
  parameterLimit: 1000,
  throwOnLimitExceeded: true,
  allowPrototypes: false,
  plainObjects: true,
  decoder(text: string, defaultDecoder: (s: string) => string, charset: string, type: 'key' | 'value'): string {
    void charset;
    void type;
    // qs leaves malformed %-escapes as they are; a payments API should refuse them instead.
    const spaced = text.replace(/\+/g, ' ');
    let decoded: string;
    try {
      decoded = decodeURIComponent(spaced);
    } catch {
      throw new PaygateError('invalid_request', `Invalid request: malformed form encoding in '${defaultDecoder(text).slice(0, 40)}'`);
    }
    // No text column can hold NUL; refuse it here rather than fail deep in a service.
    if (decoded.includes('\u0000')) throw new PaygateError('invalid_request', 'Invalid request: parameters cannot contain NUL characters.');
    return decoded;
  },
} as const;

export function decodeForm(text: string): Record<string, unknown> {
  try {
    return qs.parse(text, QS_OPTIONS) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof PaygateError) throw err;
    throw new PaygateError('invalid_request', `Invalid request: ${(err as Error).message}`);
  }
}

const FORM = 'application/x-www-form-urlencoded';

/** Reads the raw body (bounded) and decodes it into req.params-like `res.locals.params`. */
export function formParams(limitBytes: number) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method === 'GET' || req.method === 'DELETE' || req.method === 'HEAD') {
        const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
        res.locals.params = decodeForm(query);
        return next();
      }
      const type = (req.headers['content-type'] ?? FORM).split(';')[0]!.trim().toLowerCase();
      const body = await readText(req, limitBytes);
      if (body.length > 0 && type !== FORM) {
        throw new PaygateError('invalid_request', `Invalid request: unsupported Content-Type ${type}. Send parameters as ${FORM}.`);
      }
      res.locals.params = decodeForm(body);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The body as text; over the limit, Stripe's 413. */
async function readText(req: Request, limitBytes: number): Promise<string> {
  try {
    return (await readBody(req, limitBytes)).toString('utf8');
  } catch (err) {
    throw err instanceof BodyTooLargeError ? tooLarge(limitBytes) : err;
  }
}

function tooLarge(limitBytes: number): PaygateError {
  return new PaygateError('body_too_large', `Request body too large: the limit is ${limitBytes} bytes.`);
}
