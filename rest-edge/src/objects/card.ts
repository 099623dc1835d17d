/** The card sub-object as the graph shows it (never the number), shared by tokens, payment methods and charges. */
export const CARD_CHECKS_FIELDS = 'checks { addressLine1Check addressPostalCodeCheck cvcCheck }';
export const CARD_FIELDS = `brand country expMonth expYear fingerprint funding last4 network threeDSecureUsage ${CARD_CHECKS_FIELDS}`;

export interface CardChecksNode {
  addressLine1Check: string | null;
  addressPostalCodeCheck: string | null;
  cvcCheck: string | null;
}

export interface CardNode {
  brand: string;
  country: string | null;
  expMonth: number;
  expYear: number;
  fingerprint: string;
  funding: string;
  last4: string;
  network: string;
  threeDSecureUsage: boolean;
  checks: CardChecksNode;
}

export function renderChecks(checks: CardChecksNode) {
  return { address_line1_check: checks.addressLine1Check, address_postal_code_check: checks.addressPostalCodeCheck, cvc_check: checks.cvcCheck };
}
