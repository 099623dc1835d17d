import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Span } from '@opentelemetry/api';
import { REQUEST_ID_HEADER } from './account-context';
import { REQUEST_ID_ATTRIBUTE, TRACING_HANDLE, tracingEnabled } from './tracing';

/**
 * Starts OpenTelemetry's Node SDK with the instrumentations Paygate's processes need, or does
 * nothing (and loads none of it) when tracing is off (tracing.ts' tracingEnabled). Runs from
 * tracing-preload.ts, which every bundle requires before its own first line (infra/src/build.ts):
 * the instrumentations patch a module when it is required, so they must be in place before pg,
 * kafkajs, express, undici or graphql is.
 *
 * Everything else is the SDK's own configuration from the environment (OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_SAMPLER[_ARG], OTEL_RESOURCE_ATTRIBUTES, OTEL_BSP_*,
 * OTEL_PROPAGATORS — W3C tracecontext and baggage by default). Spans are exported in batches
 * (BatchSpanProcessor) so a request never waits for the collector.
 */

/** Never traced: probes and scrapes (the stack polls /ready while it boots; Prometheus scrapes /metrics). */
const PROBE_PATH = /^\/(health|ready|metrics)(?:[/?]|$)/;
/** The webhook worker's POSTs to merchants carry no trace headers of ours (services/events traces each attempt itself). */
const WEBHOOK_USER_AGENT_MARK = 'stripe.com/docs/webhooks';

function headerText(headers: unknown): string {
  if (Array.isArray(headers)) return headers.map(String).join('\n');
  if (headers && typeof headers === 'object') return Object.entries(headers as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`).join('\n');
  return String(headers ?? '');
}

/** The request id on each server span: the edge's own response header, or the x-request-id a hop received. */
function requestIdAttributes(span: Span, request: unknown, response: unknown): void {
  const res = response as ServerResponse;
  if (typeof res.getHeader !== 'function') return; // a client span
  const id = res.getHeader('request-id') ?? (request as IncomingMessage).headers?.[REQUEST_ID_HEADER];
  if (id) span.setAttribute(REQUEST_ID_ATTRIBUTE, String(id));
}

export function startTracing(defaultServiceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!tracingEnabled(env)) return false;
  // Traces only: metrics are prom-client's (/metrics), logs are pino's JSON lines.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  env.OTEL_SERVICE_NAME ??= defaultServiceName;
  // Required here, not imported: with tracing off none of this is loaded.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation, ExpressLayerType } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { KafkaJsInstrumentation } = require('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs');
  const { PrismaInstrumentation } = require('@prisma/instrumentation') as typeof import('@prisma/instrumentation');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => PROBE_PATH.test(req.url ?? ''),
        ignoreOutgoingRequestHook: (req) => PROBE_PATH.test(req.path ?? ''),
        applyCustomAttributesOnSpan: requestIdAttributes,
      }),
      // Routers and handlers; not a span per middleware (request id, headers, logging…), which costs more than it tells.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new UndiciInstrumentation({
        ignoreRequestHook: (req) => PROBE_PATH.test(req.path) || headerText(req.headers).includes(WEBHOOK_USER_AGENT_MARK),
      }),
      // Parse, validate and execute per operation; a span per resolver would cost more than the resolvers.
      new GraphQLInstrumentation({ ignoreResolveSpans: true, ignoreTrivialResolveSpans: true, allowValues: false }),
      // Statements with their placeholders (never the values: no card data, no keys), only inside a trace:
      // pollers' idle statements (the relay's tick, the webhook worker's look) make no traces of their own.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
      new KafkaJsInstrumentation(),
      // Prisma's operation and transaction spans; its per-statement spans repeat pg's (kept, with the pool's).
      new PrismaInstrumentation({ ignoreSpanTypes: ['prisma:client:serialize', 'prisma:client:compile', 'prisma:client:db_query'] }),
    ],
  });
  sdk.start();
  (globalThis as Record<symbol, unknown>)[TRACING_HANDLE] = { shutdown: () => sdk.shutdown() };
  return true;
}
