import { PaygateError } from '@paygate/chassis';
import type { ChargeDeps } from './deps';

/**
 * The customer belongs to the customer service: whether it exists (and is not deleted) is asked
 * through the federated graph, never read from that service's tables. Stripe answers 404 for an
 * unknown customer on attach, charges and intents.
 */
export async function assertCustomerExists(deps: ChargeDeps, account: string, requestId: string, customer: string | null | undefined): Promise<void> {
  if (!customer) return;
  const missing = new PaygateError('resource_missing', `No such customer: '${customer}'`, { param: 'customer' });
  try {
    const data = await deps.graph.execute<{ customer: { deleted: boolean } }>(
      'query($id: ID!) { customer(id: $id) { deleted } }',
      { id: customer },
      { account, keyType: 'secret', requestId },
    );
    if (data.customer.deleted) throw missing;
  } catch (err) {
    if (err instanceof PaygateError && err.code === 'resource_missing') throw missing;
    throw err;
  }
}
