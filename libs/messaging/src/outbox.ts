import { Logger } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelay } from './backoff';

export interface OutboxMessage {
  /** Logical topic name (see OutboxRelayOptions.namespace). */
  topic: string;
  key: string | null;
  /** The JSON value; null is a tombstone. */
  value: object | null;
}

/**
 * The DDL of a service's outbox, for its migration. One row holds all the messages of one
 * transaction, in order: a 2,000-message ingest chunk costs one row, not 2,000 (the payload is
 * short-lived, so it is stored uncompressed).
 */
export function outboxTableDdl(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".outbox (
      id bigserial PRIMARY KEY,
      messages json NOT NULL,
      message_count int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `ALTER TABLE "${schema}".outbox ALTER COLUMN messages SET STORAGE EXTERNAL`,
  ];
}

/** Adds messages to the outbox inside the caller's transaction: they are sent iff it commits. */
export async function enqueueOutbox(
  manager: EntityManager,
  schema: string,
  messages: OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  await manager.query(
    `INSERT INTO "${schema}".outbox (messages, message_count) VALUES ($1::json, $2)`,
    [JSON.stringify(messages), messages.length],
  );
}

/** Keeps each produce request well under the broker's default 1 MiB message.max.bytes. */
const MAX_REQUEST_BYTES = 512 * 1024;

type KafkaRecord = { key: string | null; value: string | null };

/** Splits the messages into produce requests of at most MAX_REQUEST_BYTES, keeping their order. */
function requests(
  byTopic: Map<string, KafkaRecord[]>,
  namespace: string,
): { topic: string; messages: KafkaRecord[] }[][] {
  const out: { topic: string; messages: KafkaRecord[] }[][] = [];
  let current: { topic: string; messages: KafkaRecord[] }[] = [];
  let bytes = 0;
  for (const [topic, messages] of byTopic) {
    let slice: KafkaRecord[] = [];
    for (const message of messages) {
      const size = (message.key?.length ?? 0) + (message.value?.length ?? 0) + 64;
      if (bytes + size > MAX_REQUEST_BYTES && bytes > 0) {
        if (slice.length) current.push({ topic: namespace + topic, messages: slice });
        out.push(current);
        current = [];
        slice = [];
        bytes = 0;
      }
      slice.push(message);
      bytes += size;
    }
    if (slice.length) current.push({ topic: namespace + topic, messages: slice });
  }
  if (current.length) out.push(current);
  return out;
}

export interface OutboxRelayOptions {
  schema: string;
  /** Prefix of the topics on the broker; outbox rows hold logical topic names. */
  namespace?: string;
  /** Outbox rows (transactions) published per Kafka request. */
  rowsPerBatch?: number;
  idleMs?: number;
}

/**
 * Publishes a service's outbox to Kafka in id order and deletes what the broker acknowledged,
 * in one transaction. A crash between send and commit re-sends (at-least-once); every message
 * carries its key and a revision so consumers make redelivery a no-op.
 * One relay per schema at a time (advisory lock), which keeps per-key order.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private backingOff = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Hint that new rows were committed, to publish without waiting for the next poll. */
  notify(): void {
    if (!this.backingOff) this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const sent = await this.publishBatch();
        failures = 0;
        if (sent === 0) await this.idle();
      } catch (error) {
        const delay = backoffDelay(failures++);
        this.backingOff = true;
        this.logger.warn(
          `outbox ${this.options.schema}: ${(error as Error).message}; retrying in ${delay} ms`,
        );
        await this.idle(delay);
        this.backingOff = false;
      }
    }
  }

  private idle(ms = this.options.idleMs ?? 100): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Publishes up to one batch; returns how many messages were sent. */
  async publishBatch(): Promise<number> {
    const schema = this.options.schema;
    return this.dataSource.transaction(async (tx) => {
      const [lock] = await tx.query<{ ok: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok',
        [`rangefinder:outbox:${schema}`],
      );
      if (!lock.ok) return 0;
      const rows = await tx.query<{ id: string; messages: string }[]>(
        `SELECT id, messages::text AS messages FROM "${schema}".outbox ORDER BY id LIMIT $1`,
        [this.options.rowsPerBatch ?? 4],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, { key: string | null; value: string | null }[]>();
      let count = 0;
      for (const row of rows) {
        for (const message of JSON.parse(row.messages) as OutboxMessage[]) {
          const list = byTopic.get(message.topic) ?? [];
          list.push({
            key: message.key,
            value: message.value === null ? null : JSON.stringify(message.value),
          });
          byTopic.set(message.topic, list);
          count++;
        }
      }
      for (const topicMessages of requests(byTopic, this.options.namespace ?? '')) {
        await this.producer.sendBatch({ acks: -1, topicMessages });
      }
      // By id, not a range: a transaction that committed a lower id meanwhile was not sent yet.
      await tx.query(`DELETE FROM "${schema}".outbox WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return count;
    });
  }
}
