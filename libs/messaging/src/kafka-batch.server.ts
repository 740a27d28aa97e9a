import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { backoffDelay, sleep, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import { createKafka, type KafkaClientOptions } from './kafka-client';

/** What a batch handler (`@EventPattern(topic)`) receives: consecutive messages of one partition. */
export interface MessageChunk {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  /** Messages left in the partition after this chunk (consumer lag), from the fetch's high watermark. */
  lagAfter: number;
}

export interface KafkaBatchServerOptions {
  kafka: KafkaClientOptions;
  groupId: string;
  /** Logical topic names; handlers are `@EventPattern(<logical name>)`. */
  topics: string[];
  /** Prefix of the topics on the broker (physicalTopic). */
  namespace?: string;
  /** Messages handed to the handler at once; one database transaction each. */
  chunkSize?: number;
  partitionsConsumedConcurrently?: number;
  retry?: BackoffPolicy;
  fromBeginning?: boolean;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

export interface ChunkObserver {
  onChunkDone?(chunk: MessageChunk, durationMs: number): void;
  onRetry?(chunk: MessageChunk, attempt: number, error: unknown): void;
}

/**
 * A Nest custom transport over kafkajs `eachBatch`. Handlers are ordinary `@EventPattern(topic)`
 * methods, but each call receives a chunk of messages instead of one (Nest's own Kafka server
 * handles one message at a time per partition, too slow for ingest).
 *
 * Contract with the handler: it must deal with bad messages itself (dead-letter them) and only
 * throw for transient faults. A thrown chunk is retried with backoff, heartbeating meanwhile, until
 * it succeeds or the partition is revoked; it is never skipped. The offset is committed to Kafka
 * only after the handler resolved, i.e. after its database transaction committed.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaBatchServer.name);
  private consumer?: Consumer;
  private member = false;
  private observer: ChunkObserver = {};
  private progress?: (topic: string, partition: number) => Promise<bigint>;
  /** Per partition: whether its first assignment sought back to the store (see decideResume). */
  private readonly resuming = new Map<string, Promise<boolean>>();

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
  }

  /** True while this process is a member of its consumer group (readiness). */
  isGroupMember(): boolean {
    return this.member;
  }

  observe(observer: ChunkObserver): void {
    this.observer = observer;
  }

  /**
   * Where the handler's own stored progress says a partition resumes: the database, not Kafka's
   * committed offset, decides, so a store restored from a backup or wiped is caught up from the
   * topic instead of silently missing messages.
   */
  resumeFrom(progress: (topic: string, partition: number) => Promise<bigint>): void {
    this.progress = progress;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async start(): Promise<void> {
    const kafka = createKafka(this.options.kafka);
    const consumer = kafka.consumer({
      groupId: this.options.groupId,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.member = true;
      this.decideResume(kafka, consumer, payload.memberAssignment);
    });
    for (const event of [consumer.events.STOP, consumer.events.CRASH, consumer.events.DISCONNECT]) {
      consumer.on(event, () => (this.member = false));
    }
    consumer.on(consumer.events.CRASH, (e) =>
      this.logger.error(
        `consumer crashed: ${e.payload.error.message} (restart: ${e.payload.restart})`,
      ),
    );
    await consumer.connect();
    const namespace = this.options.namespace ?? '';
    await consumer.subscribe({
      topics: this.options.topics.map((t) => namespace + t),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /**
   * On a partition's first assignment in this process: when Kafka's committed offset is ahead of
   * the progress stored with the data (a store restored from a backup, or wiped), seek back to
   * where the store ends instead of missing what lies between. Progress ahead of Kafka (a crash
   * between the two commits) needs no seek: the stored progress skips what was applied. The
   * partition's first batch waits for this decision, so nothing is applied past the gap.
   */
  private decideResume(kafka: Kafka, consumer: Consumer, assignment: Record<string, number[]>) {
    if (!this.progress) return;
    for (const [topic, partitions] of Object.entries(assignment)) {
      const fresh = partitions.filter((p) => !this.resuming.has(`${topic}:${p}`));
      if (fresh.length === 0) continue;
      const committed = this.committedOffsets(kafka, topic);
      for (const partition of fresh) {
        this.resuming.set(
          `${topic}:${partition}`,
          this.seekBackIfBehind(consumer, committed, topic, partition),
        );
      }
    }
  }

  private async committedOffsets(kafka: Kafka, topic: string): Promise<Map<number, string>> {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const [offsets] = await admin.fetchOffsets({
        groupId: this.options.groupId,
        topics: [topic],
      });
      return new Map(offsets?.partitions.map((p) => [p.partition, p.offset]) ?? []);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** True when it sought back: the batch in hand starts past the gap and must not be applied. */
  private async seekBackIfBehind(
    consumer: Consumer,
    committed: Promise<Map<number, string>>,
    topic: string,
    partition: number,
  ): Promise<boolean> {
    try {
      const offset = (await committed).get(partition);
      const stored = await this.progress!(topic, partition);
      if (offset === undefined || Number(offset) < 0 || BigInt(offset) <= stored) return false;
      this.logger.log(
        `${topic}[${partition}]: the store ends at ${stored}, Kafka at ${offset}; seeking back`,
      );
      consumer.seek({ topic, partition, offset: stored.toString() });
      return true;
    } catch (error) {
      // Kafka's committed offset still applies, and the stored progress still skips what is done.
      this.logger.warn(
        `cannot compare stored progress of ${topic}[${partition}] with Kafka's: ${(error as Error).message}`,
      );
      return false;
    }
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const live = () => payload.isRunning() && !payload.isStale();
    const resume = this.resuming.get(`${batch.topic}:${batch.partition}`);
    if (resume && (await resume)) {
      // Decided once: later batches come from the stored progress.
      this.resuming.set(`${batch.topic}:${batch.partition}`, Promise.resolve(false));
      return;
    }
    const logical = batch.topic.slice((this.options.namespace ?? '').length);
    const handler = this.getHandlerByPattern(logical);
    if (!handler) throw new Error(`no @EventPattern handler for topic ${batch.topic}`);
    const size = this.options.chunkSize ?? 2000;
    const high = BigInt(batch.highWatermark);
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!live()) return;
      const messages = batch.messages.slice(start, start + size);
      const last = messages[messages.length - 1].offset;
      const chunk: MessageChunk = {
        topic: batch.topic,
        partition: batch.partition,
        messages,
        lagAfter: Number(high - BigInt(last) - 1n),
      };
      const began = performance.now();
      const done = await this.deliver(
        chunk,
        () => handler(chunk),
        () => payload.heartbeat(),
        live,
      );
      if (!done) return;
      payload.resolveOffset(last);
      await this.commit(payload, chunk.topic, chunk.partition, last);
      this.observer.onChunkDone?.(chunk, performance.now() - began);
      await payload.heartbeat();
    }
  }

  private async deliver(
    chunk: MessageChunk,
    handle: () => Promise<unknown>,
    heartbeat: () => Promise<void>,
    stillOwned: () => boolean,
  ): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await lastValueFrom(this.transformToObservable(await handle()), {
          defaultValue: undefined,
        });
        return true;
      } catch (error) {
        this.observer.onRetry?.(chunk, attempt, error);
        const delay = backoffDelay(attempt, this.options.retry ?? DEFAULT_BACKOFF);
        this.logger.warn(
          `${chunk.topic}[${chunk.partition}] chunk at ${chunk.messages[0].offset} failed (attempt ${attempt + 1}), retrying in ${delay} ms: ${(error as Error).message}`,
        );
        // Sleep in slices so the group keeps seeing heartbeats during a long outage.
        for (let waited = 0; waited < delay; waited += 1000) {
          if (!stillOwned()) return false;
          await sleep(Math.min(1000, delay - waited));
          await heartbeat().catch(() => undefined);
        }
        if (!stillOwned()) return false;
      }
    }
  }

  /** Best effort: the handler's own stored progress already makes a redelivered chunk a no-op. */
  private async commit(
    payload: EachBatchPayload,
    topic: string,
    partition: number,
    lastOffset: string,
  ): Promise<void> {
    const offset = (BigInt(lastOffset) + 1n).toString();
    try {
      // Through the batch payload: consumer.commitOffsets is silently ignored once the runner is
      // stopping, which would drop the commit of the chunk drained on SIGTERM.
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset }] }],
      });
    } catch (error) {
      this.logger.warn(
        `offset commit for ${topic}[${partition}] failed: ${(error as Error).message}`,
      );
    }
  }

  /** Stops fetching, lets the chunk in flight finish and commit, then leaves the group. */
  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.member = false;
  }

  on(): never {
    throw new Error('KafkaBatchServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
