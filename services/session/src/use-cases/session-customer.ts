import { PaygateError } from '@paygate/chassis';
import type { SessionDeps } from './deps';
import { serviceCaller, sessionEffectKey } from './service-caller';

/**
 * Customers belong to the customer service: whether one exists is asked through the graph, never
 * read from its tables. Another account's id, an unknown one or a deleted one: Stripe's 404 on `customer`.
 */
export async function assertCustomerOfAccount(deps: SessionDeps, account: string, requestId: string, customer: string | null): Promise<void> {
  if (!customer) return;
  const missing = new PaygateError('resource_missing', `No such customer: '${customer}'`, { param: 'customer' });
  try {
    const data = await deps.graph.execute<{ customer: { deleted: boolean } }>('query($id: ID!) { customer(id: $id) { deleted } }', { id: customer }, serviceCaller(account, requestId));
    if (data.customer.deleted) throw missing;
  } catch (err) {
    if (err instanceof PaygateError && err.code === 'resource_missing') throw missing;
    throw err;
  }
}

/** customer_creation=always: the buyer becomes a customer of the merchant, from what they typed on the page. */
export async function createCheckoutCustomer(deps: SessionDeps, account: string, requestId: string, sessionId: string, buyer: { email: string; name: string | null }): Promise<string> {
  const data = await deps.graph.execute<{ createCustomer: { id: string } }>(
    'mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }',
    { input: { email: buyer.email, name: buyer.name } },
    serviceCaller(account, requestId, sessionEffectKey(sessionId, 'customer')),
  );
  return data.createCustomer.id;
}
