import type { EntityManager } from 'typeorm';

/**
 * Kafka progress stored with the data it produced, per consumer group and partition: a chunk's
 * transaction locks its partition's row, skips offsets it already applied and advances the row.
 * Redelivery after a crash between the database commit and Kafka's offset commit is then a no-op.
 */
export function consumerProgressDdl(schema: string): string {
  return `CREATE TABLE "${schema}".consumer_progress (
    consumer_group text NOT NULL,
    topic text NOT NULL,
    partition int NOT NULL,
    next_offset bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
  )`;
}

export interface PartitionRef {
  consumerGroup: string;
  topic: string;
  partition: number;
}

/** `next_offset` is a bigint column: pg returns it as a string. */
interface ProgressRow {
  next_offset: string;
}

/** Locks the partition's progress row for the transaction and returns the first offset not yet applied. */
export async function lockPartitionProgress(
  tx: EntityManager,
  schema: string,
  { consumerGroup, topic, partition }: PartitionRef,
): Promise<bigint> {
  await tx.query(
    `INSERT INTO "${schema}".consumer_progress (consumer_group, topic, partition, next_offset)
     VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`,
    [consumerGroup, topic, partition],
  );
  const [row] = await tx.query<ProgressRow[]>(
    `SELECT next_offset FROM "${schema}".consumer_progress
     WHERE consumer_group = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
    [consumerGroup, topic, partition],
  );
  return BigInt(row.next_offset);
}

export async function advancePartitionProgress(
  tx: EntityManager,
  schema: string,
  { consumerGroup, topic, partition }: PartitionRef,
  nextOffset: bigint,
): Promise<void> {
  await tx.query(
    `UPDATE "${schema}".consumer_progress SET next_offset = $4, updated_at = now()
     WHERE consumer_group = $1 AND topic = $2 AND partition = $3`,
    [consumerGroup, topic, partition, nextOffset.toString()],
  );
}

/** The first offset not yet applied (0 when the partition was never applied), without locking. */
export async function readPartitionProgress(
  manager: EntityManager,
  schema: string,
  { consumerGroup, topic, partition }: PartitionRef,
): Promise<bigint> {
  const [row] = await manager.query<(ProgressRow | undefined)[]>(
    `SELECT next_offset FROM "${schema}".consumer_progress
     WHERE consumer_group = $1 AND topic = $2 AND partition = $3`,
    [consumerGroup, topic, partition],
  );
  return BigInt(row?.next_offset ?? 0);
}
