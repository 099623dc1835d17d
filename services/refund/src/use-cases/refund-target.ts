import { PaygateError, type GraphCaller } from '@paygate/chassis';
import type { ChargeForRefund } from '../domain/refund-plan';
import type { Caller } from './caller';
import type { RefundDeps } from './deps';

/**
 * The charge a refund is of, read from the charge service through the graph (never its tables),
 * signed as a service so its service-only fields answer: the simulated network's refund outcome and
 * whether an uncaptured hold is already gone.
 */
const CHARGE_FIELDS = 'id amount amountCaptured captured currency status paymentIntent { id } simulatedRefundOutcome authorizationReleased';

export interface RefundTargetParams {
  charge?: string | null;
  paymentIntent?: string | null;
}

export function serviceCaller(caller: Pick<Caller, 'account' | 'requestId'>): GraphCaller {
  return { account: caller.account, keyType: 'service', requestId: caller.requestId };
}

/** The charge service's 404 names its own argument; the merchant sent `param`. */
async function asParam<T>(param: 'charge' | 'payment_intent', read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof PaygateError && err.code === 'resource_missing') throw new PaygateError('resource_missing', err.message, { param });
    throw err;
  }
}

/** Stripe's longest id parameter. */
const MAX_ID_LENGTH = 5000;

export function assertOneTarget(input: RefundTargetParams): void {
  for (const [param, id] of [['charge', input.charge], ['payment_intent', input.paymentIntent]] as const) {
    if (id && id.length > MAX_ID_LENGTH) throw new PaygateError('invalid_request', `Invalid ${param}: must be at most ${MAX_ID_LENGTH} characters`, { param });
  }
  if (input.charge && input.paymentIntent) {
    throw new PaygateError('parameters_exclusive', 'You may only specify one of these parameters: charge, payment_intent.', { param: 'payment_intent' });
  }
  if (!input.charge && !input.paymentIntent) {
    throw new PaygateError('parameter_missing', 'One of the following params should be provided for this request: payment_intent or charge.', { param: 'charge' });
  }
}

/** The charge to refund: `charge`, or the latest charge of `paymentIntent` (Stripe refunds an intent's successful charge). */
export async function refundTarget(deps: RefundDeps, caller: Caller, input: RefundTargetParams): Promise<ChargeForRefund> {
  assertOneTarget(input);
  const signed = serviceCaller(caller);
  if (input.charge) {
    const id = input.charge;
    const data = await asParam('charge', () => deps.graph.execute<{ charge: ChargeForRefund }>(`query($id: ID!) { charge(id: $id) { ${CHARGE_FIELDS} } }`, { id }, signed));
    return data.charge;
  }
  const id = input.paymentIntent!;
  const data = await asParam('payment_intent', () =>
    deps.graph.execute<{ paymentIntent: { latestCharge: ChargeForRefund | null } }>(`query($id: ID!) { paymentIntent(id: $id) { latestCharge { ${CHARGE_FIELDS} } } }`, { id }, signed),
  );
  const charge = data.paymentIntent.latestCharge;
  if (!charge || charge.status !== 'succeeded') {
    throw new PaygateError('invalid_request', `This PaymentIntent (${id}) does not have a successful charge to refund.`, { param: 'payment_intent' });
  }
  return charge;
}

/** GET /v1/charges/:id/refunds answers 404 for a charge that is not the caller's, as Stripe does. */
export async function assertChargeExists(deps: RefundDeps, caller: Caller, chargeId: string): Promise<void> {
  await asParam('charge', () => deps.graph.execute<{ charge: { id: string } }>('query($id: ID!) { charge(id: $id) { id } }', { id: chargeId }, serviceCaller(caller)));
}
