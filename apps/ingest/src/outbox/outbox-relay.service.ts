import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createKafka, OutboxRelay } from '@rangefinder/messaging';
import { IngestEnv } from '../ingest.env';
import { INGEST_SCHEMA } from '../datapoints/observation.store';

/** Runs ingest's outbox relay (hand-off events and dead letters) for the life of the process. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer?: Producer;
  private relay?: OutboxRelay;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: IngestEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const kafka = createKafka({
      brokers: this.env.KAFKA_BROKERS,
      clientId: `${this.env.KAFKA_CLIENT_ID}-ingest-outbox`,
    });
    // One request in flight keeps per-key order across kafkajs's own retries.
    this.producer = kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    this.relay = new OutboxRelay(this.dataSource, this.producer, {
      schema: INGEST_SCHEMA,
      namespace: this.env.KAFKA_TOPIC_NAMESPACE,
    });
    this.relay.start();
  }

  notify(): void {
    this.relay?.notify();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
  }
}
