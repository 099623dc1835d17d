/**
 * The Stripe API version events are rendered as (the one the official SDK this repository pins
 * speaks, stripe-node 23). Objects are rendered one way, whatever an endpoint's api_version says.
 */
export const API_VERSION = '2026-10-28.endive';
