import { PAYMENT_INTENT_STATUSES, paymentIntentStatusesShownAs, wirePaymentIntentStatus, type PaymentIntentStatus } from './payment-intent-status';
import {
  assertAwaitingAuthentication, assertCancelable, assertCapturable, assertConfirmable, assertHasPaymentMethod, assertMerchantCancellationReason, assertUpdatable,
  statusAfterApproval, statusAfterUpdate,
} from './payment-intent-transitions';

const intent = (status: PaymentIntentStatus) => ({ id: 'pi_1', status });
const allowed = (check: (i: { id: string; status: PaymentIntentStatus }) => void) =>
  PAYMENT_INTENT_STATUSES.filter((status) => {
    try {
      check(intent(status));
      return true;
    } catch {
      return false;
    }
  }).map(wirePaymentIntentStatus);

describe('PaymentIntent state machine', () => {
  it('allows each operation only from Stripe’s statuses', () => {
    expect(allowed(assertConfirmable)).toEqual(['requires_payment_method', 'requires_confirmation', 'requires_action']);
    expect(allowed(assertCapturable)).toEqual(['requires_capture']);
    expect(allowed(assertCancelable)).toEqual(['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture']);
    expect(allowed(assertAwaitingAuthentication)).toEqual(['requires_action']);
    expect(allowed((i) => assertUpdatable(i, ['amount']))).toEqual(['requires_payment_method', 'requires_confirmation', 'requires_action']);
  });

  it('answers a wrong state with payment_intent_unexpected_state naming the intent, in Stripe’s words', () => {
    expect(() => assertConfirmable(intent('succeeded'))).toThrow(
      expect.objectContaining({
        code: 'payment_intent_unexpected_state',
        message: 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
        details: { paymentIntent: 'pi_1' },
      }),
    );
    expect(() => assertConfirmable(intent('canceled'))).toThrow(
      'You cannot confirm this PaymentIntent because it has a status of canceled. Only a PaymentIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation, requires_action.',
    );
    expect(() => assertCapturable(intent('awaiting_confirmation'))).toThrow(
      'This PaymentIntent could not be captured because it has a status of requires_confirmation. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
    );
    expect(() => assertCancelable(intent('succeeded'))).toThrow(
      'You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.',
    );
    expect(() => assertUpdatable(intent('succeeded'), ['amount'])).toThrow(
      expect.objectContaining({
        message: "This PaymentIntent's amount could not be updated because it has a status of succeeded. You may only update the amount of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.",
        details: { paymentIntent: 'pi_1', param: 'amount' },
      }),
    );
  });

  it('descriptive fields (no payment fields) update in any state', () => {
    expect(() => assertUpdatable(intent('succeeded'), [])).not.toThrow();
  });

  it('needs a payment method to confirm, naming the customer when there is one', () => {
    expect(() => assertHasPaymentMethod({ id: 'pi_1', customer: null }, 'pm_1')).not.toThrow();
    expect(() => assertHasPaymentMethod({ id: 'pi_1', customer: 'cus_9' }, null)).toThrow(expect.objectContaining({ message: expect.stringContaining('with cus_9') }));
    expect(() => assertHasPaymentMethod({ id: null, customer: null }, undefined)).toThrow(expect.objectContaining({ details: { param: 'payment_method' } }));
  });

  it('approval leaves an automatic intent succeeded and a manual one requires_capture', () => {
    expect(statusAfterApproval('automatic')).toBe('succeeded');
    expect(statusAfterApproval('automatic_async')).toBe('succeeded');
    expect(statusAfterApproval('manual')).toBe('awaiting_capture');
  });

  it('a new payment method (or a new amount mid-authentication) needs confirming again', () => {
    expect(statusAfterUpdate('awaiting_payment_method', { paymentMethod: true, amount: false })).toBe('awaiting_confirmation');
    expect(statusAfterUpdate('awaiting_action', { paymentMethod: false, amount: true })).toBe('awaiting_confirmation');
    expect(statusAfterUpdate('awaiting_payment_method', { paymentMethod: false, amount: true })).toBe('awaiting_payment_method');
  });

  it('merchants cancel with Stripe’s merchant reasons only', () => {
    expect(() => assertMerchantCancellationReason('requested_by_customer')).not.toThrow();
    expect(() => assertMerchantCancellationReason(null)).not.toThrow();
    expect(() => assertMerchantCancellationReason('automatic')).toThrow(expect.objectContaining({ details: { param: 'cancellation_reason' } }));
  });

  it('maps every internal status to a wire one, and back for search', () => {
    expect(PAYMENT_INTENT_STATUSES.map(wirePaymentIntentStatus)).toEqual([
      'requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled',
    ]);
    expect(paymentIntentStatusesShownAs('requires_capture')).toEqual(['awaiting_capture']);
    expect(paymentIntentStatusesShownAs('bogus')).toEqual([]);
  });
});
