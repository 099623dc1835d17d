import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type TextMapGetter } from '@opentelemetry/api';

/**
 * Tracing, the part every process's code uses (the SDK itself is started before anything else by
 * tracing-preload.ts; see tracing-sdk.ts and docs/observability.md). Off unless the environment
 * names an exporter: OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or
 * OTEL_TRACES_EXPORTER other than `none` (OTEL_SDK_DISABLED=true wins). Off, no SDK is loaded,
 * @opentelemetry/api answers with no-op spans, and each helper here returns at its first line.
 *
 * The instrumentations make the spans (HTTP in and out, express, undici, GraphQL, pg, Prisma,
 * kafkajs, @apollo/gateway's own). What they cannot know is carried here: the trace a row was
 * written in (the outbox, a webhook delivery), read back when it is published or sent later.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (exporters.length > 0) return exporters.some((e) => e !== 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Decided once, at start: the SDK is started (or not) before the first line of the process runs. */
export const TRACING = tracingEnabled();

/** Span attribute with the edge's `Request-Id` (req_…), on the edge's root span and every subgraph's server span. */
export const REQUEST_ID_ATTRIBUTE = 'paygate.request_id';
export const ACCOUNT_ATTRIBUTE = 'paygate.account';

const tracer = () => trace.getTracer('paygate');

/** The active span's trace and span ids (for log lines), or null when none is recording. */
export function activeTraceIds(): { trace_id: string; span_id: string } | null {
  if (!TRACING) return null;
  const span = trace.getActiveSpan();
  if (!span) return null;
  const { traceId, spanId, traceFlags } = span.spanContext();
  // Unsampled spans still carry a trace id, which propagates: log it, it ties the lines together.
  void traceFlags;
  return { trace_id: traceId, span_id: spanId };
}

/** Attributes on the active span (e.g. the account once it is known). */
export function setActiveSpanAttributes(attributes: Attributes): void {
  if (!TRACING) return;
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** The active context as a W3C traceparent, to store beside a row that something later publishes or sends; null when off. */
export function currentTraceParent(): string | null {
  if (!TRACING) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** A context whose parent is a stored traceparent (ROOT when there is none). */
export function contextFromTraceParent(traceparent: string | null | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;

const kafkaHeaderGetter: TextMapGetter<KafkaHeaders> = {
  keys: (carrier) => Object.keys(carrier ?? {}),
  get: (carrier, key) => {
    const value = carrier?.[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map((v) => v.toString()) : value.toString();
  },
};

/** The producer's context from a Kafka message's headers (`traceparent`, written by the kafkajs instrumentation). */
export function contextFromKafkaHeaders(headers: KafkaHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers, kafkaHeaderGetter);
}

/** Run `fn` in no trace: background work (the outbox relay's polling, the webhook worker's claims) is not charged to whichever request woke it. */
export function outsideTraces<T>(fn: () => T): T {
  if (!TRACING) return fn();
  return context.with(ROOT_CONTEXT, fn);
}

/** Run `fn` in the context of a stored traceparent (ROOT when null). */
export function inTraceOf<T>(traceparent: string | null | undefined, fn: () => T): T {
  if (!TRACING) return fn();
  return context.with(contextFromTraceParent(traceparent), fn);
}

export interface SpanOptions {
  kind?: SpanKind;
  parent?: Context;
  attributes?: Attributes;
}

/**
 * A span of our own, only where no instrumentation covers the work: a consumed event's effect, a
 * webhook attempt. Active while `fn` runs, so the instrumented calls inside are its children.
 */
export async function withSpan<T>(name: string, options: SpanOptions, fn: (span: Span | null) => Promise<T>): Promise<T> {
  if (!TRACING) return fn(null);
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };

interface TracingHandle {
  shutdown(): Promise<void>;
}

/** Where tracing-sdk.ts leaves the started SDK: the preload is a bundle of its own, so the handle is global. */
export const TRACING_HANDLE = Symbol.for('paygate.tracing');

/** Export what the batch processor still holds (called by the lifecycle before the process exits); bounded. */
export async function flushTracing(timeoutMs = 2_000): Promise<void> {
  const handle = (globalThis as Record<symbol, TracingHandle | undefined>)[TRACING_HANDLE];
  if (!handle) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    handle.shutdown().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
