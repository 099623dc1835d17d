import { ERROR_CATALOG, PaygateError, toStripeError, type ErrorCode } from './errors';

describe('error catalog → Stripe error JSON and status (the edge’s single mapping)', () => {
  it.each<[ErrorCode, number, string, boolean]>([
    ['parameter_missing', 400, 'invalid_request_error', true],
    ['parameter_unknown', 400, 'invalid_request_error', true],
    ['parameter_invalid_integer', 400, 'invalid_request_error', true],
    ['amount_too_small', 400, 'invalid_request_error', true],
    ['resource_missing', 404, 'invalid_request_error', true],
    ['url_not_found', 404, 'invalid_request_error', false],
    ['api_key_missing', 401, 'invalid_request_error', false],
    ['api_key_invalid', 401, 'invalid_request_error', false],
    ['permission_denied', 403, 'invalid_request_error', false],
    ['body_too_large', 413, 'invalid_request_error', false],
    ['card_declined', 402, 'card_error', true],
    ['expired_card', 402, 'card_error', true],
    ['incorrect_cvc', 402, 'card_error', true],
    ['rate_limit', 429, 'invalid_request_error', true],
    ['idempotency_key_in_use', 409, 'idempotency_error', true],
    ['idempotency_key_mismatch', 400, 'idempotency_error', false],
    ['api_error', 500, 'api_error', false],
  ])('%s → %i %s (code sent: %s)', (code, status, type, sendsCode) => {
    const mapped = toStripeError(code, 'message', { param: 'p' });
    expect(mapped.status).toBe(status);
    expect(mapped.body.error.type).toBe(type);
    expect(mapped.body.error.param).toBe('p');
    expect(mapped.body.error.code).toBe(sendsCode ? code : undefined);
  });

  it('carries decline_code and the failed charge id for card errors', () => {
    const e = new PaygateError('card_declined', 'Your card was declined.', { declineCode: 'insufficient_funds', charge: 'ch_1' });
    expect(toStripeError(e.code, e.message, e.details).body.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', charge: 'ch_1' });
    expect(e.toExtensions()).toEqual({ code: 'card_declined', declineCode: 'insufficient_funds', charge: 'ch_1' });
  });

  it('maps every catalog code to a 4xx or 5xx', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      expect(entry.status).toBeGreaterThanOrEqual(400);
      if (code !== 'api_error') expect(entry.status).toBeLessThan(500);
    }
  });
});
