import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { createKafka, type KafkaClientOptions } from './kafka-client';
import { OutboxRelay } from './outbox';

export interface OutboxRelayServiceOptions {
  kafka: KafkaClientOptions;
  /** The service's schema, which holds its outbox table. */
  schema: string;
  namespace: string;
}

/** Runs a service's outbox relay for the life of the process (provide it with a factory). */
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer?: Producer;
  private relay?: OutboxRelay;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: OutboxRelayServiceOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // One request in flight keeps per-key order across kafkajs's own retries.
    this.producer = createKafka(this.options.kafka).producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
    this.relay = new OutboxRelay(this.dataSource, this.producer, {
      schema: this.options.schema,
      namespace: this.options.namespace,
    });
    this.relay.start();
  }

  /** Something was just enqueued: send it now instead of at the next poll. */
  notify(): void {
    this.relay?.notify();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
  }
}
