import { isErrorCode, PaygateError, toStripeError, type Logger } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';

/** The edge's single error boundary: catalog errors become Stripe's JSON; anything else is a masked 500. */
export function stripeErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const requestId = String(res.locals.requestId ?? '');
    let paygate: PaygateError;
    if (err instanceof PaygateError) paygate = err;
    else if (isBodyParserError(err)) paygate = new PaygateError(err.status === 413 ? 'body_too_large' : 'invalid_request', `Invalid request: ${err.message}`);
    else {
      logger.error({ err, requestId, method: req.method, path: req.path }, 'unexpected error');
      paygate = new PaygateError('api_error', 'An unexpected error occurred. Retry the request; if it keeps failing, contact support with the request id.');
    }
    const { status, body } = toStripeError(paygate.code, paygate.message, paygate.details);
    res.status(status).json(body);
  };
}

function isBodyParserError(err: unknown): err is { status: number; message: string; type: string } {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err && typeof (err as { status: unknown }).status === 'number';
}

export function stripeError(code: string, message: string, param?: string): PaygateError {
  if (!isErrorCode(code)) throw new Error(`unknown error code ${code}`);
  return new PaygateError(code, message, param ? { param } : {});
}
