import { Logger } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelay, sleep } from './backoff';

export interface OutboxMessage {
  topic: string;
  key: string | null;
  /** Serialized value; null is a tombstone. */
  value: string | null;
}

/** The DDL of a service's outbox table, for its migration. */
export function outboxTableDdl(schema: string): string {
  return `CREATE TABLE "${schema}".outbox (
    id bigserial PRIMARY KEY,
    topic text NOT NULL,
    key text,
    value text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`;
}

/** Adds messages to the outbox inside the caller's transaction: they are sent iff it commits. */
export async function enqueueOutbox(
  manager: EntityManager,
  schema: string,
  messages: OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  await manager.query(
    `INSERT INTO "${schema}".outbox (topic, key, value)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
    [messages.map((m) => m.topic), messages.map((m) => m.key), messages.map((m) => m.value)],
  );
}

export interface OutboxRelayOptions {
  schema: string;
  /** Prefix of the topics on the broker; outbox rows hold logical topic names. */
  namespace?: string;
  batchSize?: number;
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
  published = 0;

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
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Rows still waiting to be published. */
  async backlog(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "${this.options.schema}".outbox`);
    return row.n;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const sent = await this.publishBatch();
        failures = 0;
        if (sent < (this.options.batchSize ?? 5000)) await this.idle();
      } catch (error) {
        const delay = backoffDelay(failures++);
        this.logger.warn(`outbox ${this.options.schema}: ${(error as Error).message}; retrying in ${delay} ms`);
        await this.idle(delay);
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
      const [lock] = await tx.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [`rangefinder:outbox:${schema}`]);
      if (!lock.ok) return 0;
      const rows: { id: string; topic: string; key: string | null; value: string | null }[] = await tx.query(
        `SELECT id, topic, key, value FROM "${schema}".outbox ORDER BY id LIMIT $1`,
        [this.options.batchSize ?? 5000],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, { key: string | null; value: string | null }[]>();
      for (const row of rows) {
        const list = byTopic.get(row.topic) ?? [];
        list.push({ key: row.key, value: row.value });
        byTopic.set(row.topic, list);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: (this.options.namespace ?? '') + topic, messages })),
      });
      // By id, not a range: a transaction that committed a lower id meanwhile was not sent yet.
      await tx.query(`DELETE FROM "${schema}".outbox WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      this.published += rows.length;
      return rows.length;
    });
  }
}
