import { CompressionTypes, Partitioners, logLevel, type Kafka, type Producer } from 'kafkajs';
import { createKafka } from '@rangefinder/messaging';
import { CliError } from '../cli-error';
import type { DatapointMessage, DatapointSink, ImportCompression } from './datapoint-sink';

const COMPRESSION_CODECS: Record<ImportCompression, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
};

export interface KafkaSinkSettings {
  brokers: string;
  clientId: string;
  connectionTimeoutMs: number;
  topic: string;
  compression: ImportCompression;
  /** Batches awaiting acknowledgement at once; more hides latency, fewer bounds memory. */
  maxInFlight: number;
  showKafkaLogs: boolean;
}

type BatchProducer = Pick<Producer, 'send' | 'disconnect'>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unreachable(brokers: string, error: unknown): CliError {
  return new CliError(
    `cannot reach Kafka at ${brokers} (--brokers or KAFKA_BROKERS), gave up after retries: ${messageOf(error)}`,
  );
}

/**
 * Sends batches with a few in flight at once. Reordering between concurrent batches is harmless
 * here: one import never repeats a key, and a re-import only re-sends identical values.
 */
export class KafkaDatapointSink implements DatapointSink {
  private acknowledged = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly producer: BatchProducer,
    private readonly settings: Pick<
      KafkaSinkSettings,
      'brokers' | 'topic' | 'compression' | 'maxInFlight'
    >,
    readonly partitions?: number,
  ) {}

  get sent(): number {
    return this.acknowledged;
  }

  async send(batch: DatapointMessage[]): Promise<void> {
    this.throwIfFailed();
    while (this.inFlight.size >= this.settings.maxInFlight) {
      await Promise.race(this.inFlight);
      this.throwIfFailed();
    }
    const request: Promise<void> = this.producer
      .send({
        topic: this.settings.topic,
        messages: batch,
        acks: -1,
        compression: COMPRESSION_CODECS[this.settings.compression],
      })
      .then(
        () => {
          this.acknowledged += batch.length;
        },
        (error: unknown) => {
          this.failure ??= { error };
        },
      )
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }

  private throwIfFailed(): void {
    if (!this.failure) return;
    const { brokers, topic } = this.settings;
    throw new CliError(
      `sending to ${topic} on ${brokers} failed after retries: ${messageOf(this.failure.error)}. ` +
        `${this.acknowledged} datapoints were acknowledged before that; re-running the import is safe, ` +
        'the same rows get the same keys.',
    );
  }
}

/** Topics are created by the project, never by broker auto-creation (DOMAIN §4): refuse a missing one. */
async function partitionsOfExistingTopic(
  kafka: Kafka,
  settings: KafkaSinkSettings,
): Promise<number> {
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw unreachable(settings.brokers, error);
  }
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(settings.topic)) {
      throw new CliError(
        `topic ${settings.topic} does not exist on ${settings.brokers}; create it first ` +
          '(topics are created by the project, never auto-created by the broker)',
      );
    }
    const metadata = await admin.fetchTopicMetadata({ topics: [settings.topic] });
    return metadata.topics[0]?.partitions.length ?? 0;
  } finally {
    await admin.disconnect();
  }
}

export async function connectKafkaSink(settings: KafkaSinkSettings): Promise<KafkaDatapointSink> {
  const kafka = createKafka(
    {
      brokers: settings.brokers,
      clientId: settings.clientId,
      connectionTimeoutMs: settings.connectionTimeoutMs,
    },
    settings.showKafkaLogs ? {} : { logLevel: logLevel.NOTHING },
  );
  const partitions = await partitionsOfExistingTopic(kafka, settings);
  const producer = kafka.producer({
    // murmur2 of the key, as Java clients do: a key must always land on the same partition, so a
    // correction or tombstone for a record follows the original and compaction keeps the newest.
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  try {
    await producer.connect();
  } catch (error) {
    throw unreachable(settings.brokers, error);
  }
  return new KafkaDatapointSink(producer, settings, partitions);
}
