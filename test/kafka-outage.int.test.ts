import { ensureKafka, stopKafka } from '../infra/src/kafka';
import { createTestAccount, eventually } from './support/stack';

/**
 * The outbox decouples payments from the broker: with Kafka down a charge still succeeds (its event
 * waits in the charge service's outbox), and once the broker is back the relay publishes it and the
 * ledger books it, once. Loopback only; the broker is this project's own.
 */
describe('Kafka outage', () => {
  afterAll(async () => {
    await ensureKafka(); // whatever happened, leave a broker for the files after this one
  }, 120_000);

  it('charges keep working; the ledger catches up when the broker returns', async () => {
    const a = await createTestAccount('kafka outage');
    await stopKafka();
    try {
      const charge = await a.stripe.charges.create({ amount: 2500, currency: 'usd', source: 'tok_visa' });
      expect(charge).toMatchObject({ status: 'succeeded', captured: true });
      expect(charge.balance_transaction).toMatch(/^txn_/);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await a.stripe.balanceTransactions.list()).data).toHaveLength(0);

      await ensureKafka();
      const entry = await eventually(
        async () => (await a.stripe.balanceTransactions.list()).data.find((t) => t.source === charge.id),
        90_000,
        'the ledger entry after the broker came back',
      );
      expect(entry).toMatchObject({ id: charge.balance_transaction, net: 2500 - 103 });
      expect((await a.stripe.balanceTransactions.list()).data).toHaveLength(1);
    } finally {
      await ensureKafka();
    }
  }, 150_000);
});
