import type { DescribedRoute, RestRoute } from './http/route-table';
import { accountRoutes } from './resources/account';
import { balanceRoutes } from './resources/balance';
import { chargeRoutes } from './resources/charges';
import { checkoutSessionRoutes } from './resources/checkout-sessions';
import { customerBalanceTransactionRoutes } from './resources/customer-balance-transactions';
import { customerRoutes } from './resources/customers';
import { eventRoutes } from './resources/events';
import { externalAccountRoutes } from './resources/external-accounts';
import { invoiceItemRoutes } from './resources/invoice-items';
import { invoiceRoutes } from './resources/invoices';
import { paymentIntentRoutes } from './resources/payment-intents';
import { paymentMethodRoutes } from './resources/payment-methods';
import { payoutRoutes } from './resources/payouts';
import { refundRoutes } from './resources/refunds';
import { tokenRoutes } from './resources/tokens';
import { webhookEndpointRoutes } from './resources/webhook-endpoints';

/** The whole REST surface, one declarative table (one file per Stripe resource). */
export const ROUTES: readonly RestRoute[] = [
  ...customerRoutes,
  ...customerBalanceTransactionRoutes,
  ...chargeRoutes,
  ...balanceRoutes,
  ...tokenRoutes,
  ...paymentMethodRoutes,
  ...paymentIntentRoutes,
  ...payoutRoutes,
  ...externalAccountRoutes,
  ...refundRoutes,
  ...checkoutSessionRoutes,
  ...invoiceRoutes,
  ...invoiceItemRoutes,
  ...eventRoutes,
  ...webhookEndpointRoutes,
];

/** Every /v1 route the OpenAPI document describes: the table, and the account routes served from the edge's own database. */
export const API_ROUTES: readonly DescribedRoute[] = [...ROUTES, ...accountRoutes];
