import { composeSupergraph } from './compose';
import { loadEnv } from './env';
import { SUBGRAPH_NAMES, subgraphUrlVariable } from './subgraphs';

const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, `http://${name}:${5100 + i}/graphql`])) as Record<(typeof SUBGRAPH_NAMES)[number], string>;

describe('supergraph composition', () => {
  it('composes the seven subgraphs’ SDL with the deployment’s URLs', () => {
    const sdl = composeSupergraph(urls);
    for (const name of SUBGRAPH_NAMES) expect(sdl).toContain(`url: "${urls[name]}"`);
    // Entities shared across subgraphs are joined, not duplicated.
    expect(sdl).toMatch(/type Charge\s[^{]*@join__type\(graph: CHARGE, key: "id"\)[^{]*@join__type\(graph: REFUND, key: "id"\)/);
    expect(sdl).toMatch(/type Customer\s[^{]*@join__type\(graph: CUSTOMER, key: "id"\)/);
    // The refund subgraph answers amountRefunded from its own per-charge total: no @requires of the charge's amount.
    expect(sdl).toContain('amountRefunded: Int! @join__field(graph: REFUND)');
  });

  it('fails loudly on a schema that does not compose', () => {
    expect(() => composeSupergraph(urls, '/nonexistent')).toThrow();
  });

  it('reads subgraph URLs from SUBGRAPH_<NAME>_URL with loopback defaults', () => {
    const env = loadEnv({ [subgraphUrlVariable('charge')]: 'http://charge:4104/graphql' });
    expect(env.subgraphUrls.charge).toBe('http://charge:4104/graphql');
    expect(env.subgraphUrls.customer).toBe('http://127.0.0.1:4101/graphql');
    expect(env.PORT).toBe(4001);
    expect(() => loadEnv({ [subgraphUrlVariable('charge')]: 'not a url' })).toThrow(/SUBGRAPH_CHARGE_URL/);
  });
});
