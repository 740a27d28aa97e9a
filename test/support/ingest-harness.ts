import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Admin, Kafka, Message, Producer, RecordMetadata } from 'kafkajs';
import { Client } from 'pg';
import { Topic, physicalTopic, topicSpecs } from '@rangefinder/contracts';
import { dropDatabase, ensureDatabase } from '@rangefinder/database';
import { createKafka } from '@rangefinder/messaging';
import { ensureTopics } from '../../deploy/local/stack';
import { seedCatalogue } from './catalogue';
import { REPO_ROOT, ServiceProcess, waitFor } from './ingest-process';

export const BASE_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TopicRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

/**
 * One isolated deployment for a test: its own database, its own namespaced topics on the shared
 * real broker, the real ingest (and, when asked, bands) processes from the build, and a producer.
 */
export class IngestHarness {
  readonly namespace: string;
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  private producer?: Producer;
  private admin!: Admin;
  service?: ServiceProcess;
  bands?: ServiceProcess;
  private pg?: Promise<Client>;

  constructor(readonly name: string) {
    const id = `${name}_${randomBytes(4).toString('hex')}`;
    this.namespace = `e2e-${id}.`;
    const url = new URL(BASE_DATABASE_URL);
    url.pathname = `/rf_e2e_${id}`;
    this.databaseUrl = url.toString();
    this.kafka = createKafka({ brokers: this.brokers, clientId: `e2e-${id}` });
  }

  get brokers(): string {
    const brokers = process.env.KAFKA_BROKERS;
    if (!brokers)
      throw new Error(
        'KAFKA_BROKERS is not set: run the e2e project through jest (global setup starts Kafka)',
      );
    return brokers;
  }

  topic(topic: Topic): string {
    return physicalTopic(topic, this.namespace);
  }

  get env(): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      KAFKA_BROKERS: this.brokers,
      KAFKA_TOPIC_NAMESPACE: this.namespace,
      INGEST_CONSUMER_GROUP: `${this.namespace}ingest`,
      BANDS_CONSUMER_GROUP: `${this.namespace}bands`,
    };
  }

  async setUp(): Promise<void> {
    await ensureDatabase(this.databaseUrl);
    await seedCatalogue(this.databaseUrl);
    await ensureTopics(this.brokers, topicSpecs(this.namespace));
    await this.connection();
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  async startIngest(extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
    this.service = await this.startService('ingest', extraEnv);
    return this.service;
  }

  async startBands(extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
    this.bands = await this.startService('bands', extraEnv);
    return this.bands;
  }

  startService(app: string, extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
    const logDir = join(REPO_ROOT, '.rangefinder', 'e2e-logs');
    mkdirSync(logDir, { recursive: true });
    return ServiceProcess.start(
      app,
      { ...this.env, ...extraEnv },
      { logFile: join(logDir, `${this.namespace}${app}.log`) },
    );
  }

  /** Sends in batches; what the broker answered per batch and partition (base offsets). */
  async produce(
    messages: Message[],
    batchSize = 2000,
    topic: Topic = Topic.Datapoints,
  ): Promise<RecordMetadata[]> {
    const written: RecordMetadata[] = [];
    for (let i = 0; i < messages.length; i += batchSize) {
      const sent = await this.producer!.send({
        topic: this.topic(topic),
        acks: -1,
        messages: messages.slice(i, i + batchSize),
      });
      written.push(...sent);
    }
    return written;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.connection()).query(sql, params).then((r) => r.rows as T[]);
  }

  /**
   * The test's own connection to the deployment's database. Resilience tests restart Postgres or
   * terminate backends: a lost connection is replaced on next use instead of crashing the runner
   * with an unhandled 'error' event.
   */
  private connection(): Promise<Client> {
    if (this.pg) return this.pg;
    const client = new Client({ connectionString: this.databaseUrl });
    const forget = () => {
      if (this.pg === connecting) this.pg = undefined;
    };
    client.on('error', forget);
    client.on('end', forget);
    const connecting = client.connect().then(
      () => client,
      (error: unknown) => {
        forget();
        throw error;
      },
    );
    this.pg = connecting;
    return connecting;
  }

  /** Messages in the datapoints topic now (sum of high watermarks). */
  async producedCount(): Promise<bigint> {
    const offsets = await this.admin.fetchTopicOffsets(this.topic(Topic.Datapoints));
    return offsets.reduce((sum, o) => sum + BigInt(o.high), 0n);
  }

  /**
   * Waits until ingest has applied every message produced so far and its outbox is empty; on
   * timeout says what is left (a stalled relay shows as unpublished outbox rows) and where the log is.
   */
  async drained(timeoutMs = 120_000): Promise<void> {
    const produced = await this.producedCount();
    const waiting = waitFor(
      `ingest to apply ${produced} messages`,
      async () => {
        const [progress] = await this.query<{ applied: string | null }>(
          `SELECT sum(next_offset)::text AS applied FROM ingest.consumer_progress WHERE topic = $1`,
          [this.topic(Topic.Datapoints)],
        );
        if (BigInt(progress?.applied ?? '0') < produced) return false;
        const [outbox] = await this.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM ingest.outbox',
        );
        return outbox.n === 0;
      },
      timeoutMs,
      250,
    );
    try {
      await waiting;
    } catch (error) {
      const [outbox] = await this.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ingest.outbox',
      );
      throw new Error(
        `${(error as Error).message}; ${outbox.n} outbox rows unpublished; log: ${this.service?.logFile}`,
      );
    }
  }

  /** Everything in one of this deployment's topics now, read by a throwaway consumer group. */
  async readTopic(topic: Topic, timeoutMs = 60_000): Promise<TopicRecord[]> {
    const name = this.topic(topic);
    const ends = new Map(
      (await this.admin.fetchTopicOffsets(name)).map((o) => [o.partition, BigInt(o.high)]),
    );
    const records: TopicRecord[] = [];
    const remaining = new Set([...ends].filter(([, high]) => high > 0n).map(([p]) => p));
    if (remaining.size === 0) return records;
    const consumer = this.kafka.consumer({
      groupId: `${this.namespace}reader-${randomBytes(3).toString('hex')}`,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: name, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          records.push({
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: message.value?.toString('utf8') ?? null,
          });
          if (BigInt(message.offset) + 1n >= ends.get(partition)!) remaining.delete(partition);
          if (remaining.size === 0) resolve();
          return Promise.resolve();
        },
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`reading ${name} timed out`)), timeoutMs);
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    return records;
  }

  /** A new band policy version: the one in force with `change` applied; returns its status. */
  async changeBandPolicy(change: Record<string, unknown>): Promise<number> {
    const current = await this.bands!.call<{ body: Record<string, unknown> }>(
      'GET',
      '/v1/policies/current',
    );
    const posted = await this.bands!.call('POST', '/v1/policies', {
      body: { ...current.body.body, ...change },
    });
    return posted.status;
  }

  /** Waits until bands has applied every message on the hand-off topic so far (and drafted them). */
  bandsDrained(timeoutMs = 120_000): Promise<void> {
    return this.consumerDrained('bands', Topic.Observations, this.bands, timeoutMs);
  }

  /** Waits until the service owning `schema` has applied every message on `topic` so far. */
  async consumerDrained(
    schema: string,
    topic: Topic,
    service: ServiceProcess | undefined,
    timeoutMs = 120_000,
  ): Promise<void> {
    const name = this.topic(topic);
    const offsets = await this.admin.fetchTopicOffsets(name);
    const produced = offsets.reduce((sum, o) => sum + BigInt(o.high), 0n);
    await waitFor(
      `${schema} to apply ${produced} messages of ${name} (log: ${service?.logFile})`,
      async () => {
        const [progress] = await this.query<{ applied: string | null }>(
          `SELECT sum(next_offset)::text AS applied FROM "${schema}".consumer_progress WHERE topic = $1`,
          [name],
        );
        return BigInt(progress?.applied ?? '0') >= produced;
      },
      timeoutMs,
      100,
    );
  }

  async tearDown(): Promise<void> {
    await this.bands?.stop().catch(() => undefined);
    await this.service?.stop().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.pg?.then((client) => client.end()).catch(() => undefined);
    const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(this.namespace));
    await this.admin.deleteTopics({ topics }).catch(() => undefined);
    await this.admin.disconnect();
    await dropDatabase(this.databaseUrl);
  }
}
