import { loadSubgraphEnv } from './env';

const base = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/paygate_x',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9092',
  PAYGATE_CONTEXT_SECRET: 'x'.repeat(32),
};

describe('subgraph env', () => {
  it('parses once, with the service’s default port', () => {
    expect(loadSubgraphEnv(4101, base)).toMatchObject({ PORT: 4101, HOST: '127.0.0.1', KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.2:9092'], LOG_LEVEL: 'info' });
    expect(loadSubgraphEnv(4101, { ...base, PORT: '0' }).PORT).toBe(0);
  });

  it('fails fast, listing every problem', () => {
    expect(() => loadSubgraphEnv(4101, { PAYGATE_CONTEXT_SECRET: 'short' })).toThrow(/DATABASE_URL[\s\S]*KAFKA_BROKERS[\s\S]*PAYGATE_CONTEXT_SECRET/);
  });
});
