import type { SubgraphContext } from '@paygate/chassis';
import type { CustomerStore } from '../db/customers';
import type { CustomerCreateParams, CustomerUpdateParams } from '../domain/customer';
import {
  createBalanceTransaction,
  updateBalanceTransaction,
  type BalanceTransactionCreateParams,
  type BalanceTransactionUpdateParams,
} from '../use-cases/balance-transactions';
import type { CustomerUseCases } from '../use-cases/customers';
import {
  applyCustomerBalanceToInvoice,
  releaseCustomerBalanceFromInvoice,
  type ApplyCustomerBalanceInput,
  type ReleaseCustomerBalanceInput,
} from '../use-cases/invoice-balance';
import type { BalanceDeps } from '../use-cases/move-balance';

export function mutationResolvers(store: CustomerStore, customers: CustomerUseCases, deps: BalanceDeps) {
  return {
    Mutation: {
      createCustomer: (_: unknown, args: { input: CustomerCreateParams }, ctx: SubgraphContext) => customers.create(ctx, args.input),
      updateCustomer: (_: unknown, args: { id: string; input: CustomerUpdateParams }, ctx: SubgraphContext) => customers.update(ctx, args.id, args.input),
      deleteCustomer: (_: unknown, args: { id: string }, ctx: SubgraphContext) => store.delete(ctx.account, args.id),
      createCustomerBalanceTransaction: (_: unknown, args: { customer: string; input: BalanceTransactionCreateParams }, ctx: SubgraphContext) =>
        createBalanceTransaction(deps, ctx, args.customer, args.input),
      updateCustomerBalanceTransaction: (_: unknown, args: { customer: string; id: string; input: BalanceTransactionUpdateParams }, ctx: SubgraphContext) =>
        updateBalanceTransaction(deps, ctx, args.customer, args.id, args.input),
      applyCustomerBalanceToInvoice: (_: unknown, args: { input: ApplyCustomerBalanceInput }, ctx: SubgraphContext) => applyCustomerBalanceToInvoice(deps, ctx, args.input),
      releaseCustomerBalanceFromInvoice: (_: unknown, args: { input: ReleaseCustomerBalanceInput }, ctx: SubgraphContext) =>
        releaseCustomerBalanceFromInvoice(deps, ctx, args.input),
    },
  };
}
