import { databases, portsFrom, SERVICE_NAMES } from './topology';

describe('topology', () => {
  it('lays out the ports from a base: edge, gateway, then the subgraphs at +101…', () => {
    const dev = portsFrom(4000);
    expect(dev).toMatchObject({ edge: 4000, edgeMetrics: 4090, gateway: 4001 });
    expect(Object.values(dev.services)).toEqual([4101, 4102, 4103, 4104, 4105, 4106, 4107, 4108]);
    expect(portsFrom(5000).services.charge).toBe(5104);
  });

  it('gives every service and the edge a database of its own', () => {
    const dbs = databases();
    expect(dbs.map((d) => d.name)).toEqual([...SERVICE_NAMES, 'rest-edge']);
    expect(new Set(dbs.map((d) => d.url)).size).toBe(dbs.length);
    // paygate_<service> unless PAYGATE_DATABASE_PREFIX gives a second stack its own
    const prefix = process.env.PAYGATE_DATABASE_PREFIX ?? 'paygate';
    expect(dbs.find((d) => d.name === 'charge')!.url.endsWith(`/${prefix}_charge`)).toBe(true);
  });
});
