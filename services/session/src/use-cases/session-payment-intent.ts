import { PaygateError } from '@paygate/chassis';
import type { PaymentIntentStatus } from '../domain/checkout-payment-outcome';
import type { PaymentIntentData } from '../domain/checkout-session-params';
import type { CheckoutSessionRow } from '../db/checkout-session-node';
import type { SessionDeps } from './deps';
import { serviceCaller, sessionEffectKey } from './service-caller';

/**
 * The session's PaymentIntent lives in the charge service; the session reaches it through the graph,
 * signed as a service. One intent per session (its creation key is the session's), confirmed once per
 * card the buyer enters (the key names the payment method), so a retry or a double submission finds
 * the intent as the first call left it: a PaymentIntent succeeds at most once, whatever is asked.
 */
export interface SessionIntent {
  id: string;
  status: PaymentIntentStatus;
  clientSecret: string;
  nextAction: { redirectToUrl: { url: string } | null } | null;
  lastPaymentError: { code: string | null; message: string } | null;
}

const INTENT_FIELDS = 'id status clientSecret nextAction { redirectToUrl { url } } lastPaymentError { code message }';

export async function createSessionIntent(deps: SessionDeps, session: CheckoutSessionRow, customerId: string | null, requestId: string): Promise<SessionIntent> {
  const data = session.paymentIntentData as PaymentIntentData | null;
  const input = {
    amount: session.amountTotal,
    currency: session.currency,
    customer: customerId,
    captureMethod: data?.captureMethod ?? null,
    description: data?.description ?? null,
    metadata: data?.metadata ?? {},
    paymentMethodTypes: session.paymentMethodTypes,
  };
  const result = await deps.graph.execute<{ createPaymentIntent: SessionIntent }>(
    `mutation($input: PaymentIntentCreateInput!) { createPaymentIntent(input: $input) { ${INTENT_FIELDS} } }`,
    { input },
    serviceCaller(session.account, requestId, sessionEffectKey(session.id, 'payment_intent')),
  );
  return result.createPaymentIntent;
}

export function readSessionIntent(deps: SessionDeps, account: string, id: string, requestId: string): Promise<SessionIntent> {
  return deps.graph
    .execute<{ paymentIntent: SessionIntent }>(`query($id: ID!) { paymentIntent(id: $id) { ${INTENT_FIELDS} } }`, { id }, serviceCaller(account, requestId))
    .then((data) => data.paymentIntent);
}

/**
 * Confirms with the buyer's card. A decline is the charge service's card error (thrown, the intent
 * back in requires_payment_method); a confirm the intent's state refuses (a second submission after the
 * first succeeded) answers with the intent as it stands.
 */
export async function confirmSessionIntent(
  deps: SessionDeps,
  intent: SessionIntent,
  confirm: { account: string; sessionId: string; paymentMethod: string; returnUrl: string; requestId: string },
): Promise<SessionIntent> {
  try {
    const data = await deps.graph.execute<{ confirmPaymentIntent: SessionIntent }>(
      `mutation($id: ID!, $input: PaymentIntentConfirmInput, $clientSecret: String) { confirmPaymentIntent(id: $id, input: $input, clientSecret: $clientSecret) { ${INTENT_FIELDS} } }`,
      { id: intent.id, input: { paymentMethod: confirm.paymentMethod, returnUrl: confirm.returnUrl }, clientSecret: intent.clientSecret },
      serviceCaller(confirm.account, confirm.requestId, sessionEffectKey(confirm.sessionId, `confirm:${confirm.paymentMethod}`)),
    );
    return data.confirmPaymentIntent;
  } catch (err) {
    if (err instanceof PaygateError && err.code === 'payment_intent_unexpected_state') return readSessionIntent(deps, confirm.account, intent.id, confirm.requestId);
    throw err;
  }
}

/** An expiring session's intent that never succeeded: canceled (abandoned), so nothing can pay it later. */
export async function cancelSessionIntent(deps: SessionDeps, account: string, id: string, requestId: string): Promise<SessionIntent> {
  try {
    const data = await deps.graph.execute<{ cancelPaymentIntent: SessionIntent }>(
      `mutation($id: ID!) { cancelPaymentIntent(id: $id, cancellationReason: abandoned) { ${INTENT_FIELDS} } }`,
      { id },
      serviceCaller(account, requestId),
    );
    return data.cancelPaymentIntent;
  } catch (err) {
    // Already canceled, or it succeeded meanwhile: the caller decides from where it is.
    if (err instanceof PaygateError && err.code === 'payment_intent_unexpected_state') return readSessionIntent(deps, account, id, requestId);
    throw err;
  }
}
