import { BodyTooLargeError, PaygateError, readBody } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';
import qs from 'qs';

/**
 * Stripe's wire format: `application/x-www-form-urlencoded` with bracket nesting, decoded by qs
 * (or `application/json`, decodeJson). POST params come from the body, GET and DELETE params from
 * the query string.
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
    return noNul(decoded);
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

/**
 * A JSON body (seed 002's clients send them) as the params the same request form-encoded would
 * give: scalars become the strings qs yields (`2000` → '2000', `true` → 'true', `null` → '', which
 * Stripe's form encoding uses to unset), objects and arrays stay, and qs's limits hold (depth,
 * array length, parameter count, no NUL). So validation, errors and the idempotency hash are the
 * same whichever encoding a client picks.
 */
export function decodeJson(text: string): Record<string, unknown> {
  if (text.trim() === '') return Object.create(null) as Record<string, unknown>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON.parse's own message: V8 quotes the body in it, and a body may hold a card number.
    throw new PaygateError('invalid_request', 'Invalid request: the body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PaygateError('invalid_request', 'Invalid request: a JSON body must be an object of parameters.');
  }
  const leaves = { count: 0 };
  return asFormValue(parsed, 0, leaves) as Record<string, unknown>;
}

function asFormValue(value: unknown, depth: number, leaves: { count: number }): unknown {
  if (value !== null && typeof value === 'object') {
    if (depth > QS_OPTIONS.depth) throw new PaygateError('invalid_request', `Invalid request: parameters nest at most ${QS_OPTIONS.depth} levels deep.`);
    if (Array.isArray(value)) {
      if (value.length > QS_OPTIONS.arrayLimit) throw new PaygateError('invalid_request', `Invalid request: an array holds at most ${QS_OPTIONS.arrayLimit} elements.`);
      return value.map((inner) => asFormValue(inner, depth + 1, leaves));
    }
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, inner] of Object.entries(value)) out[noNul(key)] = asFormValue(inner, depth + 1, leaves);
    return out;
  }
  leaves.count += 1;
  if (leaves.count > QS_OPTIONS.parameterLimit) throw new PaygateError('invalid_request', `Invalid request: at most ${QS_OPTIONS.parameterLimit} parameters.`);
  if (value === null) return '';
  return typeof value === 'string' ? noNul(value) : String(value);
}

/** No text column can hold NUL; refuse it here rather than fail deep in a service. */
function noNul(text: string): string {
  if (text.includes('\u0000')) throw new PaygateError('invalid_request', 'Invalid request: parameters cannot contain NUL characters.');
  return text;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Reads the raw body (bounded) and decodes it, form-encoded or JSON, into req.params-like `res.locals.params`. */
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
      if (type === JSON_TYPE) {
        res.locals.params = decodeJson(body);
        return next();
      }
      if (body.length > 0 && type !== FORM) {
        throw new PaygateError('invalid_request', `Invalid request: unsupported Content-Type ${type.slice(0, 100)}. Send parameters as ${FORM} or ${JSON_TYPE}.`);
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
