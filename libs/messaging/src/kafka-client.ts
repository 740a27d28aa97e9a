import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

export interface KafkaClientOptions {
  brokers: string;
  clientId: string;
  connectionTimeoutMs?: number;
}

export function brokerList(brokers: string): string[] {
  return brokers
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

// kafkajs 2 warns on every producer that its default partitioner changed in 2.0; ours is the
// intended one (murmur2, as Java clients), so the warning is noise.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

/** The one place a kafkajs client is built. */
export function createKafka(
  options: KafkaClientOptions,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: brokerList(options.brokers),
    connectionTimeout: options.connectionTimeoutMs ?? 10000,
    requestTimeout: 30000,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    ...overrides,
  });
}
