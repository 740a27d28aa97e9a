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
import { BandsHttpController } from './bands/bands.http.controller';
import { BandsEnv } from './bands.env';
import { DraftBook } from './drafts/draft-book';
import { DraftsHttpController } from './drafts/drafts.http.controller';
import { BandsMetrics } from './metrics/bands.metrics';
import { BANDS_SCHEMA, ObservationStore } from './observations/observation.store';
import { ObservationsMessageController } from './observations/observations.message.controller';
import { PoliciesHttpController } from './policy/policies.http.controller';
import { PolicyService } from './policy/policy.service';
import { PublishService } from './publishing/publish.service';
import { PublishedBands } from './publishing/published-bands';
import { ReferenceHttpController } from './reference/reference.http.controller';
import { StructureService } from './structures/structure.service';
import { StructuresHttpController } from './structures/structures.http.controller';
import { SurveyService } from './surveys/survey.service';
import { SurveysHttpController } from './surveys/surveys.http.controller';

@Module({})
export class BandsModule {
  static register(env: BandsEnv, auth: AuthEnv, consumer: KafkaBatchServer): DynamicModule {
    return {
      module: BandsModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: env.DATABASE_URL,
            schema: BANDS_SCHEMA,
            entities: CATALOGUE_ENTITIES,
            poolSize: 8,
          }),
          retryAttempts: Number.MAX_SAFE_INTEGER,
          retryDelay: 2000,
        }),
        TerminusModule,
        MetricsModule,
        AuthModule.forRoot(auth),
        RateLimitModule.forRoot(env.HTTP_RATE_LIMIT_PER_SECOND),
      ],
      controllers: [
        ObservationsMessageController,
        BandsHttpController,
        DraftsHttpController,
        PoliciesHttpController,
        StructuresHttpController,
        SurveysHttpController,
        ReferenceHttpController,
        HealthController,
      ],
      providers: [
        { provide: BandsEnv, useValue: env },
        { provide: CONSUMER_MEMBERSHIP, useValue: consumer },
        {
          provide: CatalogueProvider,
          useFactory: (dataSource: DataSource) =>
            new CatalogueProvider(dataSource, env.BANDS_REFRESH_MS),
          inject: [DataSource],
        },
        {
          provide: OutboxRelayService,
          useFactory: (dataSource: DataSource) =>
            new OutboxRelayService(dataSource, {
              kafka: {
                brokers: env.KAFKA_BROKERS,
                clientId: `${env.KAFKA_CLIENT_ID}-bands-outbox`,
              },
              schema: BANDS_SCHEMA,
              namespace: env.KAFKA_TOPIC_NAMESPACE,
            }),
          inject: [DataSource],
        },
        BandsMetrics,
        ObservationStore,
        PolicyService,
        StructureService,
        SurveyService,
        DraftBook,
        PublishedBands,
        PublishService,
      ],
    };
  }
}
