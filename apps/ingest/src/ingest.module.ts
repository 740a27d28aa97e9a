import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CATALOGUE_ENTITIES, CatalogueProvider } from '@rangefinder/catalogue';
import { dataSourceOptions } from '@rangefinder/database';
import { KafkaBatchServer, OutboxRelayService } from '@rangefinder/messaging';
import {
  AuthModule,
  CONSUMER_MEMBERSHIP,
  HealthController,
  MetricsModule,
  RateLimitModule,
  type AuthEnv,
} from '@rangefinder/platform';
import { DatapointsMessageController } from './datapoints/datapoints.message.controller';
import { IngestChunkService } from './datapoints/ingest-chunk.service';
import { INGEST_SCHEMA, ObservationStore } from './datapoints/observation.store';
import { IngestEnv } from './ingest.env';
import { IngestMetrics } from './metrics/ingest.metrics';
import { SourcesHttpController } from './sources/sources.http.controller';

@Module({})
export class IngestModule {
  static register(env: IngestEnv, auth: AuthEnv, consumer: KafkaBatchServer): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: env.DATABASE_URL,
            schema: INGEST_SCHEMA,
            entities: CATALOGUE_ENTITIES,
            poolSize: env.INGEST_PARTITION_CONCURRENCY + 4,
          }),
          retryAttempts: Number.MAX_SAFE_INTEGER,
          retryDelay: 2000,
        }),
        TerminusModule,
        MetricsModule,
        AuthModule.forRoot(auth),
        RateLimitModule.forRoot(env.HTTP_RATE_LIMIT_PER_SECOND),
      ],
      controllers: [DatapointsMessageController, SourcesHttpController, HealthController],
      providers: [
        { provide: IngestEnv, useValue: env },
        { provide: KafkaBatchServer, useValue: consumer },
        { provide: CONSUMER_MEMBERSHIP, useValue: consumer },
        {
          provide: CatalogueProvider,
          useFactory: (dataSource: DataSource) =>
            new CatalogueProvider(dataSource, env.INGEST_CATALOGUE_REFRESH_MS),
          inject: [DataSource],
        },
        ObservationStore,
        IngestChunkService,
        IngestMetrics,
        {
          provide: OutboxRelayService,
          useFactory: (dataSource: DataSource) =>
            new OutboxRelayService(dataSource, {
              kafka: {
                brokers: env.KAFKA_BROKERS,
                clientId: `${env.KAFKA_CLIENT_ID}-ingest-outbox`,
              },
              schema: INGEST_SCHEMA,
              namespace: env.KAFKA_TOPIC_NAMESPACE,
            }),
          inject: [DataSource],
        },
      ],
    };
  }
}
