import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
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
  private readonly resumed = new Set<string>();

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
   * Where the handler's own stored progress says a partition resumes. On every assignment the
   * consumer seeks there, so the database, not Kafka's committed offset, decides: a store restored
   * from a backup or wiped is caught up from the topic instead of silently missing messages.
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
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.member = true;
      void this.seekToStoredProgress(consumer, payload.memberAssignment);
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

  private async seekToStoredProgress(
    consumer: Consumer,
    assignment: Record<string, number[]>,
  ): Promise<void> {
    if (!this.progress) return;
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        // Once per partition and process: a later rebalance must not seek back behind a chunk
        // that was in flight when the stored progress was read.
        const key = `${topic}:${partition}`;
        if (this.resumed.has(key)) continue;
        this.resumed.add(key);
        try {
          const offset = await this.progress(topic, partition);
          consumer.seek({ topic, partition, offset: offset.toString() });
        } catch (error) {
          // Kafka's committed offset still applies, and stored progress still skips what is done.
          this.logger.warn(
            `cannot read stored progress of ${topic}[${partition}]: ${(error as Error).message}`,
          );
        }
      }
    }
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale, resolveOffset } = payload;
    const logical = batch.topic.slice((this.options.namespace ?? '').length);
    const handler = this.getHandlerByPattern(logical);
    if (!handler) throw new Error(`no @EventPattern handler for topic ${batch.topic}`);
    const size = this.options.chunkSize ?? 2000;
    const high = BigInt(batch.highWatermark);
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale()) return;
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
        heartbeat,
        () => isRunning() && !isStale(),
      );
      if (!done) return;
      resolveOffset(last);
      await this.commit(payload, chunk.topic, chunk.partition, last);
      this.observer.onChunkDone?.(chunk, performance.now() - began);
      await heartbeat();
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
