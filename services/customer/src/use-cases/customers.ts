import { PaygateError, type GraphClient, type SubgraphContext } from '@paygate/chassis';
import type { CustomerNode, CustomerStore } from '../db/customers';
import type { CustomerCreateParams, CustomerUpdateParams } from '../domain/customer';

/**
 * Customer use cases: the checks that need another service, then the store. A default payment
 * method belongs to the charge service, so it is looked up through the federated graph, never in
 * that service's tables.
 */
export class CustomerUseCases {
  constructor(
    private readonly store: CustomerStore,
    private readonly graph: GraphClient,
  ) {}

  async create(ctx: SubgraphContext, input: CustomerCreateParams): Promise<CustomerNode> {
    await this.assertPaymentMethod(ctx, input.invoiceSettings?.defaultPaymentMethod, null);
    return this.store.create(ctx.account, input);
  }

  async update(ctx: SubgraphContext, id: string, input: CustomerUpdateParams): Promise<CustomerNode> {
    await this.assertPaymentMethod(ctx, input.invoiceSettings?.defaultPaymentMethod, id);
    return this.store.update(ctx.account, id, input);
  }

  /** Stripe: the default payment method must exist in the account and be attached to this customer. */
  private async assertPaymentMethod(ctx: SubgraphContext, paymentMethod: string | null | undefined, customer: string | null): Promise<void> {
    if (!paymentMethod) return;
    const param = 'invoice_settings[default_payment_method]';
    let owner: string | null;
    try {
      const data = await this.graph.execute<{ paymentMethod: { customer: { id: string } | null } }>(
        'query($id: ID!) { paymentMethod(id: $id) { customer { id } } }',
        { id: paymentMethod },
        { account: ctx.account, keyType: 'secret', requestId: ctx.requestId },
      );
      owner = data.paymentMethod.customer?.id ?? null;
    } catch (err) {
      if (err instanceof PaygateError && err.code === 'resource_missing') {
        throw new PaygateError('resource_missing', `No such PaymentMethod: '${paymentMethod}'`, { param });
      }
      throw err;
    }
    if (owner === null || owner !== customer) {
      throw new PaygateError('invalid_request', `The customer does not have a payment method with the ID ${paymentMethod}. The payment method must be attached to the customer.`, { param });
    }
  }
}
