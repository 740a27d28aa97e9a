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
import { BandBook, OFFERS_SCHEMA } from './bands/band-book';
import { BandsMessageController } from './bands/bands.message.controller';
import { BudgetHttpController } from './budget/budget.http.controller';
import { OfferChecksHttpController } from './checks/offer-checks.http.controller';
import { OffersEnv } from './offers.env';
import { OffersHttpController } from './offers/offers.http.controller';
import { OffersService } from './offers/offers.service';
import { VerdictPoliciesHttpController } from './policy/verdict-policies.http.controller';
import { VerdictPolicyService } from './policy/verdict-policy.service';

@Module({})
export class OffersModule {
  static register(env: OffersEnv, auth: AuthEnv, consumer: KafkaBatchServer): DynamicModule {
    return {
      module: OffersModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: env.DATABASE_URL,
            schema: OFFERS_SCHEMA,
            entities: CATALOGUE_ENTITIES,
            poolSize: 10,
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
        BandsMessageController,
        OfferChecksHttpController,
        OffersHttpController,
        BudgetHttpController,
        VerdictPoliciesHttpController,
        HealthController,
      ],
      providers: [
        { provide: OffersEnv, useValue: env },
        { provide: CONSUMER_MEMBERSHIP, useValue: consumer },
        {
          provide: CatalogueProvider,
          useFactory: (dataSource: DataSource) =>
            new CatalogueProvider(dataSource, env.OFFERS_CATALOGUE_REFRESH_MS),
          inject: [DataSource],
        },
        {
          provide: OutboxRelayService,
          useFactory: (dataSource: DataSource) =>
            new OutboxRelayService(dataSource, {
              kafka: {
                brokers: env.KAFKA_BROKERS,
                clientId: `${env.KAFKA_CLIENT_ID}-offers-outbox`,
              },
              schema: OFFERS_SCHEMA,
              namespace: env.KAFKA_TOPIC_NAMESPACE,
            }),
          inject: [DataSource],
        },
        BandBook,
        VerdictPolicyService,
        OffersService,
      ],
    };
  }
}
