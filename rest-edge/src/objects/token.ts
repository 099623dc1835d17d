import { CARD_FIELDS, type CardNode } from './card';
import { displayBrand } from './shared-shapes';
import { stripeObject } from './stripe-object';

export interface TokenNode {
  id: string;
  card: CardNode;
  cardId: string;
  clientIp: string | null;
  created: number;
  livemode: boolean;
  type: 'card';
  used: boolean;
}

/** A legacy card object (token.card): the brand spelled for display, checks flattened. */
export function renderLegacyCard(id: string, card: CardNode) {
  return {
    id,
    object: 'card',
    address_city: null,
    address_country: null,
    address_line1: null,
    address_line1_check: card.checks.addressLine1Check,
    address_line2: null,
    address_state: null,
    address_zip: null,
    address_zip_check: card.checks.addressPostalCodeCheck,
    brand: displayBrand(card.brand),
    country: card.country,
    cvc_check: card.checks.cvcCheck,
    dynamic_last4: null,
    exp_month: card.expMonth,
    exp_year: card.expYear,
    fingerprint: card.fingerprint,
    funding: card.funding,
    last4: card.last4,
    metadata: {},
    name: null,
    tokenization_method: null,
    wallet: null,
  };
}

/** Stripe's token object. */
export const tokenObject = stripeObject<TokenNode>({
  name: 'token',
  fields: `id cardId clientIp created livemode type used card { ${CARD_FIELDS} }`,
  expandable: {},
  render: (node) => ({
    id: node.id,
    object: 'token',
    card: renderLegacyCard(node.cardId, node.card),
    client_ip: node.clientIp,
    created: node.created,
    livemode: node.livemode,
    type: node.type,
    used: node.used,
  }),
});
