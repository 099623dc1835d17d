import { PaygateError, toStripeError, type Logger, type StripeErrorBody } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';

const UNEXPECTED = 'An unexpected error occurred. Retry the request; if it keeps failing, contact support with the request id.';

function isBodyParserError(err: unknown): err is { status: number; message: string; type: string } {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err && typeof (err as { status: unknown }).status === 'number';
}

/** Any error → Stripe's status and JSON: catalog errors as they are; anything else logged and masked as a 500. */
export function stripeErrorResponse(err: unknown, logger: Logger, where: Record<string, unknown>): { status: number; body: StripeErrorBody } {
  let paygate: PaygateError;
  if (err instanceof PaygateError) paygate = err;
  else if (isBodyParserError(err)) paygate = new PaygateError(err.status === 413 ? 'body_too_large' : 'invalid_request', `Invalid request: ${err.message}`);
  else if (err instanceof URIError) {
    // Express could not percent-decode a path segment (e.g. /v1/customers/cus_%FF%FE): the client's mistake.
    paygate = new PaygateError('invalid_request', 'Invalid request: the URL path is not valid percent-encoded UTF-8.');
  }
  else {
    logger.error({ err, ...where }, 'unexpected error');
    paygate = new PaygateError('api_error', UNEXPECTED);
  }
  return toStripeError(paygate.code, paygate.message, paygate.details);
}

/** The edge's single error boundary. */
export function stripeErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const { status, body } = stripeErrorResponse(err, logger, { request_id: res.locals.requestId, account: res.locals.caller?.account, method: req.method, path: req.path });
    res.status(status).json(body);
  };
}
