import { parseEnv, subgraphEnvShape } from '@paygate/chassis';
import { z } from 'zod';
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from './domain/retry-schedule';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;

/** The only reader of process.env in this service: the subgraph variables (port 4108) and the webhook settings. */
export const eventsEnvSchema = z.object({
  ...subgraphEnvShape,
  PORT: subgraphEnvShape.PORT.default(4108),
  /**
   * Delays between a failed delivery and its retries: `2s,5s,30s,5m` (ms, s, m, h, d). The default
   * is Stripe's live-mode span, about three days (src/domain/retry-schedule.ts).
   */
  PAYGATE_WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default(DEFAULT_RETRY_SCHEDULE)
    .transform((spec, ctx) => {
      try {
        return parseRetrySchedule(spec);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * `1` lets endpoint URLs reach loopback, private and link-local addresses (local development and
   * the test stack deliver to 127.0.0.1). Off by default: the SSRF guard (src/domain/endpoint-url.ts).
   */
  PAYGATE_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  /** AES-256-GCM key (32 bytes, base64) that seals endpoint signing secrets at rest. */
  PAYGATE_WEBHOOK_SECRET_KEY: z
    .string({ error: 'required: 32 random bytes, base64 (openssl rand -base64 32)' })
    .transform((encoded, ctx) => {
      const key = BASE64.test(encoded) ? Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64') : Buffer.alloc(0);
      if (key.length !== 32) {
        ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)' });
        return z.NEVER;
      }
      return key;
    }),
  /** Deliveries in flight at once (each holds a database connection while it waits for the endpoint). */
  PAYGATE_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /**
   * The consumer group. Replicas sharing a database share a group; a second stack on the same broker
   * (its own databases, PAYGATE_DATABASE_PREFIX) must not, or each would see only part of the events.
   * Defaults to one derived from the database name.
   */
  KAFKA_GROUP_ID: z.string().min(1).optional(),
});
export type EventsEnv = z.infer<typeof eventsEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): EventsEnv {
  return parseEnv(eventsEnvSchema, source);
}

/** paygate_events → paygate-events (the group a default deployment has), evt9_events → evt9-events. */
export function consumerGroupOf(env: EventsEnv): string {
  if (env.KAFKA_GROUP_ID) return env.KAFKA_GROUP_ID;
  const database = decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1)) || 'paygate_events';
  return database.replace(/_/g, '-');
}
