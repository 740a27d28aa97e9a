import type { KafkaMessage } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeadLetterTopic, RejectionReason } from '@rangefinder/contracts';
import { advancePartitionProgress, lockPartitionProgress } from './consumer-progress';
import { deadLetter, originalMessage } from './dead-letter';
import type { MessageChunk } from './kafka-batch.server';
import { enqueueOutbox, type OutboxMessage } from './outbox';

/** Why a message cannot be accepted; a consumer may add what its own bookkeeping needs. */
export interface Rejected {
  reject: RejectionReason;
}

/** What a consumer reads from one message: the validated contract it carries, or a rejection. */
export type Decoded<T, J extends Rejected = Rejected> = { ok: T } | J;

/** The messages of a chunk no earlier delivery applied, decoded, each list in offset order. */
export interface FreshMessages<T, J extends Rejected = Rejected> {
  accepted: T[];
  rejected: J[];
}

/** What `apply` stored: its result, and events to queue in the outbox after the dead letters. */
export interface Applied<R> {
  result: R;
  events?: OutboxMessage[];
}

export interface ChunkConsumer<T, J extends Rejected, R> {
  /** The service's schema, which holds its consumer_progress and outbox tables. */
  schema: string;
  consumerGroup: string;
  /** Where rejected messages go, in the rejection schema of that topic. */
  deadLetters: DeadLetterTopic;
  /** Pure: runs before the transaction, on every message of the chunk. */
  decode(message: KafkaMessage): Decoded<T, J>;
  /** Stores the fresh messages in the chunk's transaction; not called when there are none. */
  apply(tx: EntityManager, fresh: FreshMessages<T, J>): Promise<Applied<R>>;
}

export interface AppliedChunk<T, R> {
  /** What `apply` returned; undefined when an earlier delivery applied the whole chunk. */
  result: R | undefined;
  /** Messages applied now for the first time, dead letters included. */
  consumed: number;
  /** Messages an earlier delivery applied, skipped now. */
  skipped: number;
  /** Messages dead-lettered now. */
  rejected: number;
  /** Every message of the chunk that decoded, the skipped ones too, in offset order. */
  decoded: T[];
}

interface DecodedMessage<T, J extends Rejected> {
  message: KafkaMessage;
  decoded: Decoded<T, J>;
}

export interface FreshPart<T, J extends Rejected> {
  accepted: T[];
  rejected: { message: KafkaMessage; rejection: J }[];
  count: number;
  /** The offset after the last fresh message: the partition's progress once they are applied. */
  nextOffset: bigint;
}

/** Pure: the messages at or past `next` (the first offset not applied yet), split by outcome. */
export function freshPart<T, J extends Rejected>(
  messages: DecodedMessage<T, J>[],
  next: bigint,
): FreshPart<T, J> | undefined {
  const fresh = messages.filter(({ message }) => BigInt(message.offset) >= next);
  if (fresh.length === 0) return undefined;
  const part: FreshPart<T, J> = {
    accepted: [],
    rejected: [],
    count: fresh.length,
    nextOffset: BigInt(fresh[fresh.length - 1].message.offset) + 1n,
  };
  for (const { message, decoded } of fresh) {
    if ('ok' in decoded) part.accepted.push(decoded.ok);
    else part.rejected.push({ message, rejection: decoded });
  }
  return part;
}

/**
 * Applies a chunk of one partition exactly once, in one transaction: locks the partition's
 * progress row, skips what an earlier delivery applied, lets the consumer store the rest, queues
 * the dead letters (and the consumer's events) in the outbox and advances the progress. Progress
 * stored with the data makes a redelivered chunk (a crash between this commit and Kafka's offset
 * commit, a rebalance, a rewind) a no-op. Throws only for transient faults: the chunk is retried.
 */
export async function applyChunkOnce<T, J extends Rejected, R>(
  dataSource: DataSource,
  chunk: MessageChunk,
  consumer: ChunkConsumer<T, J, R>,
): Promise<AppliedChunk<T, R>> {
  const messages = chunk.messages.map((message) => ({
    message,
    decoded: consumer.decode(message),
  }));
  const decoded = messages.flatMap(({ decoded }) => ('ok' in decoded ? [decoded.ok] : []));
  const progress = {
    consumerGroup: consumer.consumerGroup,
    topic: chunk.topic,
    partition: chunk.partition,
  };
  return dataSource.transaction(async (tx) => {
    const part = freshPart(messages, await lockPartitionProgress(tx, consumer.schema, progress));
    if (!part) {
      return { result: undefined, consumed: 0, skipped: messages.length, rejected: 0, decoded };
    }
    const { result, events = [] } = await consumer.apply(tx, {
      accepted: part.accepted,
      rejected: part.rejected.map(({ rejection }) => rejection),
    });
    const at = new Date().toISOString();
    const letters = part.rejected.map(({ message, rejection }) =>
      deadLetter(
        consumer.deadLetters,
        rejection.reject,
        originalMessage(chunk.topic, chunk.partition, message),
        at,
      ),
    );
    await enqueueOutbox(tx, consumer.schema, [...letters, ...events]);
    await advancePartitionProgress(tx, consumer.schema, progress, part.nextOffset);
    return {
      result,
      consumed: part.count,
      skipped: messages.length - part.count,
      rejected: part.rejected.length,
      decoded,
    };
  });
}
