import { PaygateError, parseCurrency, type GraphCaller } from '@paygate/chassis';
import type { AddressNode, CustomerShippingNode } from '../db/invoice-node';
import type { Caller, InvoiceDeps } from './deps';

/**
 * The customer an invoice bills, read from the customer service through the graph (never its
 * tables), signed as a service. Another account's customer, or a deleted one, is simply missing.
 */
export interface BilledCustomer {
  id: string;
  deleted: boolean;
  currency: string | null;
  invoicePrefix: string | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  taxExempt: string | null;
  defaultSource: string | null;
  address: AddressNode | null;
  shipping: CustomerShippingNode | null;
  invoiceSettings: { defaultPaymentMethod: string | null };
}

const ADDRESS = 'address { city country line1 line2 postalCode state }';
const CUSTOMER = `query($id: ID!) { customer(id: $id) {
  id deleted currency invoicePrefix email name phone taxExempt defaultSource ${ADDRESS} shipping { name phone ${ADDRESS} } invoiceSettings { defaultPaymentMethod } } }`;

/** Another Paygate service calling through the graph: may do what a secret key may, and the service-only operations. */
export function serviceCaller(caller: Pick<Caller, 'account' | 'requestId'>, idempotencyKey?: string): GraphCaller {
  return { account: caller.account, keyType: 'service', requestId: caller.requestId, ...(idempotencyKey ? { idempotencyKey } : {}) };
}

export function noSuchCustomer(id: string, param = 'customer'): PaygateError {
  return new PaygateError('resource_missing', `No such customer: '${id}'`, { param });
}

export async function billedCustomer(deps: InvoiceDeps, caller: Pick<Caller, 'account' | 'requestId'>, id: string, param = 'customer'): Promise<BilledCustomer> {
  try {
    const data = await deps.graph.execute<{ customer: BilledCustomer }>(CUSTOMER, { id }, serviceCaller(caller));
    if (data.customer.deleted) throw noSuchCustomer(id, param);
    return data.customer;
  } catch (err) {
    if (err instanceof PaygateError && err.code === 'resource_missing') throw noSuchCustomer(id, param);
    throw err;
  }
}

/** The account's default currency: an invoice or item for a customer without one is in it (Stripe's rule). */
const ACCOUNT_DEFAULT_CURRENCY = 'usd';

/** The currency an invoice or invoice item is in: the one given (checked), else the customer's, else the account's. */
export function billingCurrency(customer: Pick<BilledCustomer, 'currency'>, given: string | null | undefined): string {
  return given != null ? parseCurrency(given) : (customer.currency ?? ACCOUNT_DEFAULT_CURRENCY);
}
