import { isUtf8 } from 'node:buffer';
import type { KafkaMessage } from 'kafkajs';
import {
  REJECTION_SCHEMAS,
  type DeadLetterTopic,
  type RejectionReason,
  type RejectionV1,
} from '@rangefinder/contracts';
import type { OutboxMessage } from './outbox';

/** Valid UTF-8 without NUL: what Postgres text and JSON columns accept. */
export function isTextSafe(bytes: Buffer): boolean {
  return isUtf8(bytes) && !bytes.includes(0);
}

/** A consumed message as a dead letter keeps it. */
export interface OriginalMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Header and key bytes as text when they are text-safe, else `base64:<bytes>`, so a dead letter always stores. */
function asText(bytes: Buffer | string): string {
  if (typeof bytes === 'string')
    return bytes.includes('\u0000') ? `base64:${Buffer.from(bytes).toString('base64')}` : bytes;
  return isTextSafe(bytes) ? bytes.toString('utf8') : `base64:${bytes.toString('base64')}`;
}

export function originalMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
): OriginalMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined)
      headers[asText(name)] = (Array.isArray(value) ? value : [value]).map(asText).join(',');
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : asText(message.key),
    value: message.value,
    headers,
  };
}

/**
 * A dead letter for `topic`, keyed like the original, in the rejection schema that topic carries
 * (§4.2's shape); the value is UTF-8 text, or base64 when it is not text-safe.
 */
export function deadLetter(
  topic: DeadLetterTopic,
  reason: RejectionReason,
  original: OriginalMessage,
  at: string,
): OutboxMessage {
  const utf8 = original.value === null || isTextSafe(original.value);
  const rejection: RejectionV1 = {
    schema: REJECTION_SCHEMAS[topic],
    reason,
    original: {
      topic: original.topic,
      partition: original.partition,
      offset: original.offset,
      key: original.key,
      value: original.value === null ? null : original.value.toString(utf8 ? 'utf8' : 'base64'),
      valueEncoding: utf8 ? 'utf8' : 'base64',
      headers: original.headers,
    },
    rejectedAt: at,
  };
  return { topic, key: original.key, value: rejection };
}
