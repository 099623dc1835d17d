import { createHmac } from 'node:crypto';
import { PaygateError } from '@paygate/chassis';

/**
 * Bank account numbers: checked, reduced to their last 4 digits and a keyed fingerprint, and never
 * kept. The fingerprint (HMAC-SHA256 under the service's key) is the same for the same account within
 * a deployment, and says nothing about the number without the key.
 */
const param = (name: string) => `external_account[${name}]`;

export function assertRoutingNumber(country: string, routingNumber: string | null | undefined): string {
  const digits = (routingNumber ?? '').replace(/[\s-]/g, '');
  if (country === 'US' && !/^\d{9}$/.test(digits)) {
    throw new PaygateError('invalid_request', 'Routing number must have 9 digits', { param: param('routing_number') });
  }
  if (!/^\d{0,20}$/.test(digits)) throw new PaygateError('invalid_request', 'Invalid routing number', { param: param('routing_number') });
  return digits;
}

export function assertAccountNumber(accountNumber: string): string {
  const digits = accountNumber.replace(/[\s-]/g, '');
  if (!/^\d{4,17}$/.test(digits)) {
    throw new PaygateError('invalid_request', 'You must use a valid bank account number: 4 to 17 digits.', { param: param('account_number') });
  }
  return digits;
}

export function bankAccountFingerprint(key: string, country: string, routingNumber: string, accountNumber: string): string {
  return createHmac('sha256', key).update(`bank_account:${country}:${routingNumber}:${accountNumber}`).digest('base64url').slice(0, 16);
}

export const last4Of = (accountNumber: string) => accountNumber.slice(-4);
