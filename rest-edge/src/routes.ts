import type { RestRoute } from './http/route-table';
import { balanceRoutes } from './resources/balance';
import { chargeRoutes } from './resources/charges';
import { customerRoutes } from './resources/customers';
import { paymentIntentRoutes } from './resources/payment-intents';
import { paymentMethodRoutes } from './resources/payment-methods';
import { tokenRoutes } from './resources/tokens';

/** The whole REST surface, one declarative table (one file per Stripe resource). */
export const ROUTES: readonly RestRoute[] = [
  ...customerRoutes,
  ...chargeRoutes,
  ...balanceRoutes,
  ...tokenRoutes,
  ...paymentMethodRoutes,
  ...paymentIntentRoutes,
];
