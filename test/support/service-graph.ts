import { GraphClient } from '../../services/chassis/src/graph-client';

/**
 * The graph as another Paygate service sees it: straight to the gateway, the account context signed
 * with keyType 'service' (what the edge never signs). For internal operations (debitBalance) and
 * service-only arguments (balance(at:)).
 */
export function serviceGraph(account: string) {
  const gateway = process.env.PAYGATE_TEST_GATEWAY_URL;
  const secret = process.env.PAYGATE_CONTEXT_SECRET;
  if (!gateway || !secret) throw new Error('PAYGATE_TEST_GATEWAY_URL / PAYGATE_CONTEXT_SECRET are not set: run integration tests through jest');
  const client = new GraphClient(gateway, secret);
  return <T>(query: string, variables: Record<string, unknown> = {}) => client.execute<T>(query, variables, { account, keyType: 'service', requestId: 'req_servicegraphtest' });
}
