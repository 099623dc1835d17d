/**
 * How much the relay puts in one producer request. Kafka refuses a record batch above the broker's
 * message.max.bytes (1 MiB by default, and so in infra/kafka/server.properties and compose), and
 * one sendBatch carries a record batch per partition: a relay batch of at most 512 KiB keeps every
 * one of them under that with room to spare. An event row is at most OUTBOX_PAYLOAD_MAX_BYTES, so
 * it always fits a batch of its own.
 */
export const RELAY_BATCH_MAX_BYTES = 512 * 1024;
export const RELAY_BATCH_MAX_ROWS = 100;

/** writeOutboxEvent refuses an event above this (the request fails, not the relay): 256 KiB. */
export const OUTBOX_PAYLOAD_MAX_BYTES = 256 * 1024;

/** Kafka's per-record overhead (varint lengths, attributes, timestamps), rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

export interface RelayMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export function messageBytes(message: RelayMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 8;
  return bytes;
}

/** The longest prefix of `messages` within `maxBytes` — at least one message, so an oversized one goes alone. */
export function takeWithinBytes<T extends RelayMessage>(messages: T[], maxBytes = RELAY_BATCH_MAX_BYTES): T[] {
  let total = 0;
  let count = 0;
  for (const message of messages) {
    total += messageBytes(message);
    if (count > 0 && total > maxBytes) break;
    count += 1;
  }
  return messages.slice(0, count);
}
