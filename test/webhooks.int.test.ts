import { Client } from 'pg';
import Stripe from 'stripe';
import { databaseUrl, serviceDatabase } from '../infra/src/topology';
import { control, createTestAccount, eventually, type TestAccount } from './support/stack';
import { webhookReceiver as receiver } from './support/webhook-receiver';
import { expectStripeShape } from './support/stripe-shape';

/**
 * Webhook endpoints and signed, durable delivery, through the official SDK and real HTTP receivers
 * on loopback (the test stack sets PAYGATE_WEBHOOK_ALLOW_PRIVATE=1 and the retry schedule 1s,2s,3s,
 * test/support/global-setup.ts): every delivery passes stripe.webhooks.constructEvent; a 500 is
 * retried on the schedule and nothing follows the 2xx; a restart of the events service loses no
 * pending delivery and sends no acknowledged one again.
 */
const verifier = new Stripe('sk_test_verifier');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe('webhooks through the official stripe SDK', () => {
  let db: Client;
  const receivers: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl(serviceDatabase('events')) });
    await db.connect();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await db.end();
  });
  const open = async (answer?: (n: number, event: Stripe.Event) => number) => {
    const r = await receiver(answer);
    receivers.push(r);
    return r;
  };
  const deliveryStatus = async (endpointId: string) =>
    (await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM webhook_deliveries WHERE endpoint_id = $1', [endpointId])).rows;

  describe('one account with a * endpoint', () => {
    let a: TestAccount;
    beforeAll(async () => {
      a = await createTestAccount('webhooks');
    });

    it('a payment reaches the endpoint signed: charge.succeeded and payment_intent.succeeded, equal to GET and to events.list', async () => {
      const r = await open();
      const endpoint = await a.stripe.webhookEndpoints.create({ url: r.url, enabled_events: ['*'], description: 'all of it', metadata: { team: 'ops' } });
      expect(endpoint).toMatchObject({ object: 'webhook_endpoint', url: r.url, enabled_events: ['*'], status: 'enabled', description: 'all of it', metadata: { team: 'ops' }, livemode: false });
      expect(endpoint.id).toMatch(/^we_/);
      expect(endpoint.secret).toMatch(/^whsec_/);
      expectStripeShape(endpoint, 'webhook_endpoint');

      const pi = await a.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
      const chargeId = pi.latest_charge as string;
      const [charged] = await eventually(async () => (r.of('charge.succeeded', chargeId).length ? r.of('charge.succeeded', chargeId) : null), 10_000, 'charge.succeeded webhook');
      const [succeeded] = await eventually(async () => (r.of('payment_intent.succeeded', pi.id).length ? r.of('payment_intent.succeeded', pi.id) : null), 10_000, 'payment_intent.succeeded webhook');
      const chargeGet = await a.stripe.charges.retrieve(chargeId);
      const piGet = await a.stripe.paymentIntents.retrieve(pi.id);

      for (const delivery of [charged!, succeeded!]) {
        expect(delivery.headers['content-type']).toMatch(/^application\/json/);
        expect(delivery.headers['user-agent']).toMatch(/^Stripe\/1\.0/);
        const verified = verifier.webhooks.constructEvent(delivery.raw, delivery.headers['stripe-signature'] as string, endpoint.secret!);
        expect(verified.id).toBe(delivery.event.id);
        expect(() => verifier.webhooks.constructEvent(delivery.raw, delivery.headers['stripe-signature'] as string, 'whsec_wrong')).toThrow();
        expectStripeShape(verified, 'event');
        // The body is the event as GET /v1/events/:id shows it (pending_webhooks counted this delivery then).
        const stored = await a.stripe.events.retrieve(verified.id);
        expect({ ...verified, pending_webhooks: 0 }).toEqual({ ...stored, pending_webhooks: 0 });
      }
      expect(charged!.event.data.object).toEqual(chargeGet);
      expect(succeeded!.event.data.object).toEqual(piGet);
      expect(charged!.event.pending_webhooks).toBe(1);

      const listed = await a.stripe.events.list({ types: ['charge.succeeded', 'payment_intent.succeeded'], limit: 100 });
      expect(listed.data.map((e) => e.id)).toEqual(expect.arrayContaining([charged!.event.id, succeeded!.event.id]));
      // Acknowledged: nothing pending any more, and every event of the payment went out once.
      await eventually(async () => ((await a.stripe.events.retrieve(charged!.event.id)).pending_webhooks === 0 ? true : null), 10_000, 'pending_webhooks 0');
      await sleep(1_500);
      const ids = r.received.map((x) => x.event.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('the secret is shown on create only; update, list and delete behave as Stripe', async () => {
      const r = await open();
      const created = await a.stripe.webhookEndpoints.create({ url: r.url, enabled_events: ['charge.succeeded'] });
      const got = await a.stripe.webhookEndpoints.retrieve(created.id);
      expect(got).not.toHaveProperty('secret');
      const { secret: _secret, ...withoutSecret } = created;
      expect(got).toEqual(withoutSecret);

      const updated = await a.stripe.webhookEndpoints.update(created.id, { enabled_events: ['charge.succeeded', 'charge.refunded'], description: 'refunds too', metadata: { k: 'v' }, disabled: true });
      expect(updated).toMatchObject({ enabled_events: ['charge.succeeded', 'charge.refunded'], description: 'refunds too', metadata: { k: 'v' }, status: 'disabled' });
      expect(updated).not.toHaveProperty('secret');
      // Disabled: a charge sends it nothing.
      const charge = await a.stripe.charges.create({ amount: 700, currency: 'usd', source: 'tok_visa' });
      await eventually(async () => (await a.stripe.events.list({ type: 'charge.succeeded', limit: 20 })).data.find((e) => (e.data.object as Stripe.Charge).id === charge.id), 10_000, 'the event');
      await sleep(1_000);
      expect(r.of('charge.succeeded', charge.id)).toEqual([]);
      expect(await a.stripe.webhookEndpoints.update(created.id, { disabled: false })).toMatchObject({ status: 'enabled' });

      const list = await a.stripe.webhookEndpoints.list({ limit: 100 });
      expect(list.data[0]!.id).toBe(created.id); // newest first
      expect(list.data.every((e) => !('secret' in e))).toBe(true);

      expect(await a.stripe.webhookEndpoints.del(created.id)).toEqual({ id: created.id, object: 'webhook_endpoint', deleted: true });
      expect(await a.stripe.webhookEndpoints.retrieve(created.id).catch((e: unknown) => e)).toMatchObject({ statusCode: 404, code: 'resource_missing' });
      expect((await a.stripe.webhookEndpoints.list({ limit: 100 })).data.map((e) => e.id)).not.toContain(created.id);
    });

    it('bad input is a 400 naming the param, and makes no endpoint', async () => {
      const before = (await a.stripe.webhookEndpoints.list({ limit: 100 })).data.length;
      const cases: [Stripe.WebhookEndpointCreateParams, string][] = [
        [{ url: 'ftp://127.0.0.1/hook', enabled_events: ['*'] }, 'url'],
        [{ url: 'not a url', enabled_events: ['*'] }, 'url'],
        [{ url: 'http://127.0.0.1/hook', enabled_events: ['charge.succeeded', 'charge.exploded' as Stripe.WebhookEndpointCreateParams.EnabledEvent] }, 'enabled_events[1]'],
        [{ url: 'http://127.0.0.1/hook', enabled_events: [] }, 'enabled_events'],
        [{ enabled_events: ['*'] } as unknown as Stripe.WebhookEndpointCreateParams, 'url'],
        [{ url: 'http://127.0.0.1/hook', enabled_events: ['*'], api_version: 'yesterday' as Stripe.WebhookEndpointCreateParams.ApiVersion }, 'api_version'],
      ];
      for (const [params, param] of cases) {
        const err = await a.stripe.webhookEndpoints.create(params).catch((e: unknown) => e);
        expect([param, err]).toEqual([param, expect.objectContaining({ statusCode: 400, type: 'StripeInvalidRequestError', param })]);
      }
      const endpoint = await a.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/hook', enabled_events: ['payout.paid'] });
      const err = await a.stripe.webhookEndpoints.update(endpoint.id, { enabled_events: ['nope' as Stripe.WebhookEndpointUpdateParams.EnabledEvent] }).catch((e: unknown) => e);
      expect(err).toMatchObject({ statusCode: 400, param: 'enabled_events[0]' });
      expect(await a.stripe.webhookEndpoints.retrieve(endpoint.id)).toMatchObject({ enabled_events: ['payout.paid'] });
      expect((await a.stripe.webhookEndpoints.list({ limit: 100 })).data.length).toBe(before + 1);
      await a.stripe.webhookEndpoints.del(endpoint.id);
    });

    it("another account's endpoint is not found for retrieve, update or delete", async () => {
      const other = await createTestAccount('webhooks other');
      const endpoint = await a.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/hook', enabled_events: ['payout.paid'] });
      for (const call of [
        () => other.stripe.webhookEndpoints.retrieve(endpoint.id),
        () => other.stripe.webhookEndpoints.update(endpoint.id, { description: 'mine now' }),
        () => other.stripe.webhookEndpoints.del(endpoint.id),
      ]) {
        expect(await call().catch((e: unknown) => e)).toMatchObject({ statusCode: 404, code: 'resource_missing' });
      }
      expect(await a.stripe.webhookEndpoints.retrieve(endpoint.id)).toMatchObject({ description: null, status: 'enabled' });
      expect((await other.stripe.webhookEndpoints.list()).data).toEqual([]);
      await a.stripe.webhookEndpoints.del(endpoint.id);
    });
  });

  it('an endpoint that answers 500 twice gets the third attempt on the schedule, and nothing after the 2xx', async () => {
    const a = await createTestAccount('webhooks retries');
    const r = await open((n) => (n <= 2 ? 500 : 200));
    const endpoint = await a.stripe.webhookEndpoints.create({ url: r.url, enabled_events: ['charge.succeeded'] });
    const charge = await a.stripe.charges.create({ amount: 1500, currency: 'usd', source: 'tok_visa' });
    const attempts = await eventually(async () => (r.of('charge.succeeded', charge.id).length >= 3 ? r.of('charge.succeeded', charge.id) : null), 15_000, 'three attempts');
    expect(new Set(attempts.map((x) => x.event.id)).size).toBe(1);
    // 1 s, then 2 s (PAYGATE_WEBHOOK_RETRY_SCHEDULE=1s,2s,3s), give or take a poll.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(1_900);
    for (const attempt of attempts) verifier.webhooks.constructEvent(attempt.raw, attempt.headers['stripe-signature'] as string, endpoint.secret!);
    await sleep(4_000);
    expect(r.of('charge.succeeded', charge.id)).toHaveLength(3);
    expect(await deliveryStatus(endpoint.id)).toEqual([{ status: 'succeeded', attempts: 3 }]);
    expect((await a.stripe.events.retrieve(attempts[0]!.event.id)).pending_webhooks).toBe(0);
  });

  it('an endpoint that never answers 2xx is tried 1 + 3 times, then the delivery is failed', async () => {
    const a = await createTestAccount('webhooks failing');
    const r = await open(() => 503);
    const endpoint = await a.stripe.webhookEndpoints.create({ url: r.url, enabled_events: ['charge.succeeded'] });
    const charge = await a.stripe.charges.create({ amount: 1600, currency: 'usd', source: 'tok_visa' });
    await eventually(async () => ((await deliveryStatus(endpoint.id))[0]?.status === 'failed' ? true : null), 20_000, 'failed delivery');
    await sleep(2_000);
    expect(r.of('charge.succeeded', charge.id)).toHaveLength(4);
    expect(await deliveryStatus(endpoint.id)).toEqual([{ status: 'failed', attempts: 4 }]);
    expect((await a.stripe.events.retrieve(r.received[0]!.event.id)).pending_webhooks).toBe(1);
  });

  // Before the restart test: a SIGKILLed consumer's group membership lingers until its session times out (15 s).
  it('measures the delay from a charge response to its webhook (50 sequential charges)', async () => {
    const a = await createTestAccount('webhooks delay');
    const r = await open();
    await a.stripe.webhookEndpoints.create({ url: r.url, enabled_events: ['charge.succeeded'] });
    const delays: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const charge = await a.stripe.charges.create({ amount: 1000 + i, currency: 'usd', source: 'tok_visa' });
      const answered = Date.now();
      const [delivery] = await eventually(async () => (r.of('charge.succeeded', charge.id).length ? r.of('charge.succeeded', charge.id) : null), 10_000, 'webhook');
      delays.push(delivery!.at - answered);
    }
    const sorted = [...delays].sort((x, y) => x - y);
    process.stdout.write(`\n[webhooks] charge response → webhook arrival over 50 charges: p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms\n`);
    // Nudged after the event's commit, not polled: well under the 5 s idle poll.
    expect(percentile(sorted, 50)).toBeLessThan(2_000);
  });

  it('a restart of the events service loses no pending delivery and sends no acknowledged one again', async () => {
    const a = await createTestAccount('webhooks restart');
    const ok = await open();
    let failFirst = true;
    const flaky = await open(() => (failFirst ? 500 : 200));
    const okEndpoint = await a.stripe.webhookEndpoints.create({ url: ok.url, enabled_events: ['charge.succeeded'] });
    const flakyEndpoint = await a.stripe.webhookEndpoints.create({ url: flaky.url, enabled_events: ['charge.succeeded'] });
    const charge = await a.stripe.charges.create({ amount: 1700, currency: 'usd', source: 'tok_visa' });
    await eventually(async () => (flaky.of('charge.succeeded', charge.id).length ? true : null), 10_000, 'first (failed) attempt');
    await eventually(async () => ((await deliveryStatus(okEndpoint.id))[0]?.status === 'succeeded' ? true : null), 10_000, 'acknowledged delivery');
    await control('/processes/events/kill');
    try {
      failFirst = false;
      await sleep(2_500); // past the retry's due time, with no events service running
      expect(flaky.of('charge.succeeded', charge.id)).toHaveLength(1);
    } finally {
      await control('/processes/events/start');
    }
    await eventually(async () => (flaky.of('charge.succeeded', charge.id).length >= 2 ? true : null), 15_000, 'the retry after restart');
    await sleep(3_000);
    expect(flaky.of('charge.succeeded', charge.id)).toHaveLength(2);
    expect(ok.of('charge.succeeded', charge.id)).toHaveLength(1);
    expect(await deliveryStatus(flakyEndpoint.id)).toEqual([{ status: 'succeeded', attempts: expect.any(Number) }]);
    verifier.webhooks.constructEvent(flaky.of('charge.succeeded', charge.id)[1]!.raw, flaky.of('charge.succeeded', charge.id)[1]!.headers['stripe-signature'] as string, flakyEndpoint.secret!);
  });
});
