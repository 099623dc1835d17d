import Stripe from 'stripe';
import request from 'supertest';
import { newAccount } from '../../infra/src/accounts';

/** What integration tests use to reach the stack the global setup booted. */
export function edgeUrl(): string {
  const url = process.env.PAYGATE_TEST_EDGE_URL;
  if (!url) throw new Error('PAYGATE_TEST_EDGE_URL is not set: run integration tests through jest (global setup boots the stack)');
  return url;
}

export function servicePort(name: string): number {
  return (JSON.parse(process.env.PAYGATE_TEST_SERVICE_PORTS ?? '{}') as Record<string, number>)[name]!;
}

export interface TestAccount {
  id: string;
  secretKey: string;
  publishableKey: string;
  stripe: Stripe;
}

/** A fresh account per test file: tests never see each other's objects. */
export async function createTestAccount(name = 'integration test'): Promise<TestAccount> {
  const account = await newAccount(name);
  const url = new URL(edgeUrl());
  const stripe = new Stripe(account.secret_key, {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
  return { id: account.id, secretKey: account.secret_key, publishableKey: account.publishable_key, stripe };
}

/** supertest against the edge, authenticated with `key`. */
export function edge(key?: string) {
  const agent = request(edgeUrl());
  const auth = (r: request.Test) => (key ? r.set('Authorization', `Bearer ${key}`) : r);
  return {
    get: (path: string) => auth(agent.get(path)),
    post: (path: string) => auth(agent.post(path)),
    delete: (path: string) => auth(agent.delete(path)),
  };
}

/** A GraphQL request through the edge's /graphql door. */
export async function graph(key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await request(edgeUrl()).post('/graphql').set('Authorization', `Bearer ${key}`).send({ query, variables });
  return res;
}

/** Polls until `probe` returns a value, bounded by `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Kills or restarts one of the stack's processes (or the broker) through global-setup's control door (control-door.ts). */
export async function control<T = void>(path: string, timeoutMs = 150_000): Promise<T> {
  const url = process.env.PAYGATE_TEST_CONTROL_URL;
  if (!url) throw new Error('PAYGATE_TEST_CONTROL_URL is not set (the integration global setup starts the control door)');
  const res = await fetch(`${url}${path}`, { method: 'POST', signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 200 ? await res.json() : undefined) as T;
}
