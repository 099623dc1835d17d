import type { StackHandle } from '../../infra/src/stack';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __PAYGATE_CONTROL__?: { close(): Promise<void> } }).__PAYGATE_CONTROL__?.close();
  await (globalThis as { __PAYGATE_STACK__?: StackHandle }).__PAYGATE_STACK__?.stop();
  await (globalThis as { __PAYGATE_OTLP__?: { close(): Promise<void> } }).__PAYGATE_OTLP__?.close();
}
