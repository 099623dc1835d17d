import type { RouteRequest } from './load';

/** What a route needs that exists only at run time: a customer to read, a big charge to refund. */
export interface Seeds {
  customerId: string;
  chargeId: string;
}

export interface Route {
  /** The name --only takes. */
  name: string;
  /** How it is printed. */
  label: string;
  request(seeds: Seeds): RouteRequest;
}

export const ROUTES: Route[] = [
  { name: 'customers.create', label: 'POST /v1/customers', request: () => ({ method: 'POST', path: '/v1/customers', body: 'email=load@example.com&metadata[run]=bench&metadata[kind]=load', idempotent: true }) },
  { name: 'customers.retrieve', label: 'GET /v1/customers/:id', request: (s) => ({ method: 'GET', path: `/v1/customers/${s.customerId}`, idempotent: false }) },
  { name: 'customers.list', label: 'GET /v1/customers?limit=10', request: () => ({ method: 'GET', path: '/v1/customers?limit=10', idempotent: false }) },
  {
    name: 'payment_intents.create',
    label: 'POST /v1/payment_intents (confirm)',
    request: () => ({ method: 'POST', path: '/v1/payment_intents', body: 'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true', idempotent: true }),
  },
  { name: 'charges.create', label: 'POST /v1/charges', request: () => ({ method: 'POST', path: '/v1/charges', body: 'amount=2000&currency=usd&source=tok_visa', idempotent: true }) },
  { name: 'refunds.create', label: 'POST /v1/refunds (amount=1)', request: (s) => ({ method: 'POST', path: '/v1/refunds', body: `charge=${s.chargeId}&amount=1`, idempotent: true }) },
  {
    name: 'checkout_sessions.create',
    label: 'POST /v1/checkout/sessions',
    request: () => ({
      method: 'POST',
      path: '/v1/checkout/sessions',
      body: 'mode=payment&success_url=https%3A%2F%2Fshop.example%2Fthanks&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=2000&line_items[0][price_data][product_data][name]=T-shirt&line_items[0][quantity]=2',
      idempotent: true,
    }),
  },
  { name: 'balance.retrieve', label: 'GET /v1/balance', request: () => ({ method: 'GET', path: '/v1/balance', idempotent: false }) },
];

export function selectRoutes(only: string | undefined): Route[] {
  if (!only) return ROUTES;
  const names = only.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !ROUTES.some((r) => r.name === n));
  if (unknown.length) throw new Error(`unknown route(s) ${unknown.join(', ')}; routes: ${ROUTES.map((r) => r.name).join(', ')}`);
  return ROUTES.filter((r) => names.includes(r.name));
}
