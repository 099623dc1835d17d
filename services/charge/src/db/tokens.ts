import type { ChargeTx } from './client';
import type { Token as TokenRow } from './generated/client';
import { json } from './json-column';

export type { TokenRow };

export interface TokenInsert {
  id: string;
  account: string;
  created: number;
  cardId: string;
  /** The card as Stripe shows it plus the cardholder's name and address: never the number. */
  card: object;
  clientIp: string | null;
}

export async function insertToken(tx: ChargeTx, token: TokenInsert): Promise<TokenRow> {
  return tx.token.create({ data: { ...token, card: json(token.card) } });
}

export async function findToken(db: ChargeTx, account: string, id: string): Promise<TokenRow | null> {
  return db.token.findFirst({ where: { id, account } });
}

export async function findTokenByCardId(db: ChargeTx, account: string, cardId: string): Promise<TokenRow | null> {
  return db.token.findFirst({ where: { cardId, account } });
}

/** Marks the token used in one UPDATE … WHERE used = false: true when this call used it up, false if it was already used. */
export async function markTokenUsed(tx: ChargeTx, account: string, id: string): Promise<boolean> {
  const { count } = await tx.token.updateMany({ where: { id, account, used: false }, data: { used: true } });
  return count === 1;
}
