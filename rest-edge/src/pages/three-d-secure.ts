import { formatAmount, PaygateError, type Logger } from '@paygate/chassis';
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { GraphClient } from '@paygate/chassis';
import { formParams } from '../http/form-body';
import { parseParams } from '../http/params';
import { stripeErrorResponse } from '../http/stripe-errors';
import { escapeHtml, renderPage as page } from './page-layout';

/**
 * The hosted 3-D Secure page an intent's `next_action.redirect_to_url.url` points at. Plain
 * server-rendered HTML with two buttons; authorised by the intent's client secret (never a merchant
 * key). Each form post is one graph operation; a second submission finds the intent no longer in
 * requires_action and is told so, so a double click cannot authenticate twice.
 */
export const THREE_D_SECURE_PATH = '/3d_secure_2/hosted';

const pageParams = z.object({
  merchant: z.string().regex(/^acct_[0-9A-Za-z]{8,64}$/),
  payment_intent: z.string().regex(/^pi_[0-9A-Za-z]+$/),
  payment_intent_client_secret: z.string().regex(/^pi_[0-9A-Za-z]+_secret_[0-9A-Za-z]+$/),
});
const submitParams = pageParams.extend({ outcome: z.enum(['complete', 'fail']) });

interface IntentSummary {
  id: string;
  amount: number;
  currency: string;
  status: string;
  returnUrl: string | null;
  clientSecret: string;
}

const SUMMARY = 'id amount currency status returnUrl clientSecret';

function challenge(intent: IntentSummary, params: z.infer<typeof pageParams>): string {
  const hidden = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  return page(
    '3D Secure authentication',
    `<h1>3D Secure 2 test page</h1>
<p>Payment of <strong id="amount">${escapeHtml(formatAmount(intent))}</strong> (${escapeHtml(intent.id)}).</p>
<p>This is a test authentication: complete it to approve the payment, or fail it to decline.</p>
<form method="post" action="${THREE_D_SECURE_PATH}">${hidden}
<button id="complete" type="submit" name="outcome" value="complete">Complete</button>
<button id="fail" type="submit" name="outcome" value="fail">Fail</button></form>`,
  );
}

/** Stripe appends these to return_url after an authentication. */
function returnTo(intent: IntentSummary): string | null {
  if (!intent.returnUrl) return null;
  const url = new URL(intent.returnUrl);
  url.searchParams.set('payment_intent', intent.id);
  url.searchParams.set('payment_intent_client_secret', intent.clientSecret);
  url.searchParams.set('redirect_status', intent.status === 'succeeded' || intent.status === 'requires_capture' ? 'succeeded' : 'failed');
  return url.toString();
}

function finished(intent: IntentSummary): string {
  return page('Authentication finished', `<h1 id="result">Authentication finished</h1><p>The payment is now <strong id="status">${escapeHtml(intent.status)}</strong>.</p>`);
}

export function mountThreeDSecurePage(app: Express, graph: GraphClient, logger: Logger, bodyLimitBytes: number): void {
  const caller = (params: z.infer<typeof pageParams>, res: Response) => ({ account: params.merchant, keyType: 'publishable' as const, requestId: String(res.locals.requestId) });
  const fail = (err: unknown, req: Request, res: Response) => {
    const { status, body } = stripeErrorResponse(err, logger, { request_id: res.locals.requestId, method: req.method, path: req.path });
    res.status(status).type('html').send(page('Authentication unavailable', `<h1>Authentication unavailable</h1><p id="error">${escapeHtml(body.error.message)}</p>`));
  };
  const summary = async (params: z.infer<typeof pageParams>, res: Response) => {
    const data = await graph.execute<{ paymentIntent: IntentSummary }>(
      `query($id: ID!, $clientSecret: String) { paymentIntent(id: $id, clientSecret: $clientSecret) { ${SUMMARY} } }`,
      { id: params.payment_intent, clientSecret: params.payment_intent_client_secret },
      caller(params, res),
    );
    return data.paymentIntent;
  };

  app.get(THREE_D_SECURE_PATH, formParams(bodyLimitBytes), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const params = parseParams(pageParams, res.locals.params);
      const intent = await summary(params, res);
      res.type('html').send(intent.status === 'requires_action' ? challenge(intent, params) : finished(intent));
    } catch (err) {
      if (err instanceof PaygateError) fail(err, req, res);
      else next(err);
    }
  });

  app.post(THREE_D_SECURE_PATH, formParams(bodyLimitBytes), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const params = parseParams(submitParams, res.locals.params);
      let intent: IntentSummary;
      try {
        const data = await graph.execute<{ completeThreeDSecure: IntentSummary }>(
          `mutation($id: ID!, $clientSecret: String!, $outcome: ThreeDSecureOutcome!) { completeThreeDSecure(id: $id, clientSecret: $clientSecret, outcome: $outcome) { ${SUMMARY} } }`,
          { id: params.payment_intent, clientSecret: params.payment_intent_client_secret, outcome: params.outcome },
          caller(params, res),
        );
        intent = data.completeThreeDSecure;
      } catch (err) {
        // A second submission: the intent has moved on; show where it is instead of acting again.
        if (!(err instanceof PaygateError) || err.code !== 'payment_intent_unexpected_state') throw err;
        intent = await summary(params, res);
      }
      const target = returnTo(intent);
      if (target) res.redirect(303, target);
      else res.type('html').send(finished(intent));
    } catch (err) {
      if (err instanceof PaygateError) fail(err, req, res);
      else next(err);
    }
  });
}
