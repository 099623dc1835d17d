import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import Stripe from 'stripe';
import request from 'supertest';
import { databaseUrl, localSecrets, serviceDatabase } from '../infra/src/topology';
import { signAccountContext } from '../services/chassis/src/account-context';
import { createPrismaClient } from '../services/charge/src/db/client';
import { reencryptVault } from '../services/charge/src/db/vault';
import { openCardNumber, parseVaultKeys, sealCardNumber } from '../services/charge/src/domain/vault-crypto';
import { createTestAccount, edgeUrl, servicePort, type TestAccount } from './support/stack';
import { expectStripeShape } from './support/stripe-shape';

const CHARGE_DB = databaseUrl(serviceDatabase('charge'));
const card = (number: string, extra: Partial<Stripe.TokenCreateParams.Card> = {}): Stripe.TokenCreateParams.Card => ({ number, exp_month: '12', exp_year: String(new Date().getUTCFullYear() + 2), cvc: '123', ...extra });

describe('tokens: the card vault through the official stripe SDK', () => {
  let a: TestAccount;
  let pg: Client;
  beforeAll(async () => {
    a = await createTestAccount('tokens');
    pg = new Client({ connectionString: CHARGE_DB });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
  });

  it('tokenizes a raw card (written with spaces) into a single-use token showing never the number', async () => {
    const token = await a.stripe.tokens.create({ card: card('4242 4242 4242 4242', { name: 'Jenny Rosen', address_zip: '94107' }) });
    expect(token).toMatchObject({ object: 'token', type: 'card', used: false, livemode: false, client_ip: null });
    expect(token.id).toMatch(/^tok_[0-9A-Za-z]{24}$/);
    expect(token.card).toMatchObject({ object: 'card', brand: 'Visa', last4: '4242', exp_month: 12, funding: 'credit', country: 'US', cvc_check: 'unchecked', address_zip_check: 'unchecked', address_line1_check: null });
    expect(token.card!.id).toMatch(/^card_[0-9A-Za-z]{24}$/);
    expect(token.card!.fingerprint).toMatch(/^[0-9A-Za-z]{16}$/);
    expectStripeShape(token, 'token');
    expect(await a.stripe.tokens.retrieve(token.id)).toEqual(token);
    expect(JSON.stringify(token)).not.toContain('4242424242424242');
  });

  it('accepts a publishable key, as Stripe.js tokenizes in the browser', async () => {
    const url = new URL(edgeUrl());
    const browser = new Stripe(a.publishableKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    const token = await browser.tokens.create({ card: card('5555555555554444') });
    expect(token.card).toMatchObject({ brand: 'MasterCard', last4: '4444' });
  });

  it('gives the same fingerprint to the same number within an account, a different one in another', async () => {
    const b = await createTestAccount('tokens other account');
    const first = await a.stripe.tokens.create({ card: card('4000056655665556') });
    const again = await a.stripe.tokens.create({ card: card('4000-0566-5566-5556') });
    const elsewhere = await b.stripe.tokens.create({ card: card('4000056655665556') });
    expect(again.card!.fingerprint).toBe(first.card!.fingerprint);
    expect(elsewhere.card!.fingerprint).not.toBe(first.card!.fingerprint);
    expect(first.card).toMatchObject({ funding: 'debit', brand: 'Visa' });
    await expect(b.stripe.tokens.retrieve(first.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it.each([
    [card('4242424242424241'), 'incorrect_number', 'number'],
    [card('4242424242424242', { exp_month: '13' }), 'invalid_expiry_month', 'exp_month'],
    [card('4242424242424242', { exp_year: '2020' }), 'invalid_expiry_year', 'exp_year'],
    [card('4242424242424242', { cvc: '12' }), 'invalid_cvc', 'cvc'],
    [card('378282246310005', { cvc: '123' }), 'invalid_cvc', 'cvc'],
  ])('refuses %p with a 402 %s on %s, never echoing the number', async (params, code, param) => {
    const err = await a.stripe.tokens.create({ card: params }).then(() => null, (e: Stripe.errors.StripeError) => e);
    expect(err).toMatchObject({ statusCode: 402, type: 'StripeCardError', code, param });
    expect(JSON.stringify(err!.raw)).not.toMatch(/\d{12}/);
  });

  it('is used up by its first use, also when two uses race', async () => {
    const token = await a.stripe.tokens.create({ card: card('4242424242424242') });
    const pm = await a.stripe.paymentMethods.create({ type: 'card', card: { token: token.id } });
    expect(pm.card).toMatchObject({ last4: '4242', fingerprint: token.card!.fingerprint });
    expect(await a.stripe.tokens.retrieve(token.id)).toMatchObject({ used: true });
    await expect(a.stripe.paymentMethods.create({ type: 'card', card: { token: token.id } })).rejects.toMatchObject({
      statusCode: 400,
      code: 'token_already_used',
      message: `You cannot use a Stripe token more than once: ${token.id}.`,
    });

    const raced = await a.stripe.tokens.create({ card: card('4242424242424242') });
    const outcomes = await Promise.allSettled([0, 1, 2].map(() => a.stripe.paymentMethods.create({ type: 'card', card: { token: raced.id } })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['token_already_used', 'token_already_used']);
  });

  it('lets magic test tokens be used again and again', async () => {
    const one = await a.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    const two = await a.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    expect(one.id).not.toBe(two.id);
    expect(one.card).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(two.card!.fingerprint).toBe(one.card!.fingerprint);
    await expect(a.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_nonexistent' } })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'card[token]' });
  });

  it('keeps the number only as ciphertext: no other column of the account holds it', async () => {
    const number = '6011111111111117';
    const token = await a.stripe.tokens.create({ card: card(number) });
    await a.stripe.paymentMethods.create({ type: 'card', card: { token: token.id } });
    const tables = await pg.query(
      `SELECT row_to_json(t)::text AS row FROM tokens t WHERE account = $1
       UNION ALL SELECT row_to_json(p)::text FROM payment_methods p WHERE account = $1
       UNION ALL SELECT payload::text FROM outbox_events WHERE account = $1
       UNION ALL SELECT id || fingerprint || key_id FROM vault_cards WHERE account = $1`,
      [a.id],
    );
    expect(tables.rows.length).toBeGreaterThan(3);
    for (const { row } of tables.rows as { row: string }[]) expect(row).not.toContain(number);
    const vault = await pg.query('SELECT ciphertext, iv, auth_tag FROM vault_cards WHERE id = $1', [token.card!.id]);
    expect(vault.rows).toHaveLength(1);
    expect((vault.rows[0].iv as Buffer).length).toBe(12);
    expect((vault.rows[0].ciphertext as Buffer).toString('latin1')).not.toContain(number);
  });

  it('creates one token per Idempotency-Key in the subgraph, even when the edge could not answer a retry itself', async () => {
    const mutation = { query: 'mutation($input: TokenCreateInput!) { createToken(input: $input) { id } }', variables: { input: { card: { number: '4242424242424242', expMonth: 12, expYear: 2040 } } } };
    const send = (key: string) =>
      request(`http://127.0.0.1:${servicePort('charge')}`)
        .post('/graphql')
        .set('x-paygate-account-context', signAccountContext(a.id, process.env.PAYGATE_CONTEXT_SECRET!))
        .set('x-paygate-idempotency-key', key)
        .send(mutation);
    const key = `tok-${randomBytes(8).toString('hex')}`;
    const [first, second] = await Promise.all([send(key), send(key)]);
    expect(first.body.data.createToken.id).toMatch(/^tok_/);
    expect(second.body.data.createToken.id).toBe(first.body.data.createToken.id);
    expect((await send(`${key}-other`)).body.data.createToken.id).not.toBe(first.body.data.createToken.id);
    const rows = await pg.query('SELECT operation, object_id FROM idempotent_effects WHERE account = $1 AND key = $2', [a.id, key]);
    expect(rows.rows).toEqual([{ operation: 'createToken', object_id: first.body.data.createToken.id }]);
  });
});

describe('vault key rotation', () => {
  it('re-encrypts every card under an old key with the current one, in batches, idempotently', async () => {
    const current = parseVaultKeys(localSecrets().PAYGATE_VAULT_KEYS);
    const oldKey = randomBytes(32).toString('base64');
    // The old key is this test's own; the rows it seals belong to an account no other test uses.
    const keyring = parseVaultKeys(`${current.currentKeyId}:${current.keys.get(current.currentKeyId)!.toString('base64')},itold${randomBytes(3).toString('hex')}:${oldKey}`);
    const oldKeyId = [...keyring.keys.keys()][1]!;
    const old = { currentKeyId: oldKeyId, keys: keyring.keys };
    const account = `acct_rotation${randomBytes(6).toString('hex')}`;
    const prisma = createPrismaClient(CHARGE_DB);
    try {
      const numbers = ['4242424242424242', '5555555555554444', '378282246310005'];
      for (const [i, number] of numbers.entries()) {
        const sealed = sealCardNumber(old, account, `card_rot${i}${account}`, number);
        await prisma.vaultCard.create({ data: { id: `card_rot${i}${account}`, account, fingerprint: 'f', created: 1, keyId: sealed.keyId, iv: new Uint8Array(sealed.iv), ciphertext: new Uint8Array(sealed.ciphertext), authTag: new Uint8Array(sealed.authTag) } });
      }
      const report = await reencryptVault(prisma, keyring, 2);
      expect(report.reencrypted).toBeGreaterThanOrEqual(3);
      expect(report.remaining).toBe(0);
      const rows = await prisma.vaultCard.findMany({ where: { account }, orderBy: { id: 'asc' } });
      expect(rows.map((r) => r.keyId)).toEqual([current.currentKeyId, current.currentKeyId, current.currentKeyId]);
      // the current key alone opens them now
      expect(rows.map((r) => openCardNumber(current, account, r.id, { keyId: r.keyId, iv: Buffer.from(r.iv), ciphertext: Buffer.from(r.ciphertext), authTag: Buffer.from(r.authTag) }))).toEqual(numbers);
      expect(await reencryptVault(prisma, keyring, 2)).toEqual({ reencrypted: 0, remaining: 0 });
    } finally {
      await prisma.vaultCard.deleteMany({ where: { account } });
      await prisma.$disconnect();
    }
  });
});
