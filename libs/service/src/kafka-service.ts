import {
  Logger,
  type OnApplicationShutdown,
  type DynamicModule,
  type INestApplication,
  type ModuleMetadata,
  type Provider,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CATALOGUE_ENTITIES, CatalogueProvider } from '@rangefinder/catalogue';
import {
  ChangeFeed,
  dataSourceOptions,
  guardPoolErrors,
  migrateServiceSchema,
} from '@rangefinder/database';
import {
  KafkaBatchServer,
  OutboxRelayService,
  readPartitionProgress,
  type KafkaBatchServerOptions,
} from '@rangefinder/messaging';
import {
  AuthEnv,
  InputChecksRegistry,
  loadConfig,
  type CommonEnv,
  type InputChecks,
} from '@rangefinder/platform';
import { AuthModule } from './auth/auth.module';
import { CONSUMER_MEMBERSHIP, HealthController } from './health/health.controller';
import { RateLimitModule } from './http/rate-limit.module';
import { MetricsModule } from './metrics/metrics.module';
import { drainOnSignals, runService, setUpHttpEdge } from './service-bootstrap';

/** What every Rangefinder service module holds besides its own controllers and providers. */
export interface ServiceShape {
  /** Lower-case service name: client ids, logs. */
  name: string;
  schema: string;
  poolSize: number;
}

/** The service's change feed, closed with the app. */
class ServiceChangeFeed extends ChangeFeed implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}

/**
 * The common part of a service module: its database (own schema, catalogue entities, retried
 * connections), health, metrics, auth, rate limits, the catalogue in memory, the outbox relay and
 * the consumer's group membership for readiness, and the change feed through which every replica
 * follows what the others commit.
 */
export function serviceModule(
  env: CommonEnv,
  auth: AuthEnv,
  consumer: KafkaBatchServer,
  shape: ServiceShape,
  own: Required<Pick<ModuleMetadata, 'controllers' | 'providers'>> & {
    /** The second validation stage of the service's inputs (see EdgeValidationPipe). */
    inputChecks?: Type<InputChecks>[];
  },
): Omit<DynamicModule, 'module'> {
  const inputChecks = own.inputChecks ?? [];
  const providers: Provider[] = [
    ...inputChecks,
    {
      provide: InputChecksRegistry,
      useFactory: (...checks: InputChecks[]) => new InputChecksRegistry(checks),
      inject: inputChecks,
    },
    { provide: KafkaBatchServer, useValue: consumer },
    { provide: CONSUMER_MEMBERSHIP, useValue: consumer },
    {
      provide: ChangeFeed,
      useFactory: () => new ServiceChangeFeed(env.DATABASE_URL, new Logger(ChangeFeed.name)),
    },
    CatalogueProvider,
    {
      provide: OutboxRelayService,
      useFactory: (dataSource: DataSource) =>
        new OutboxRelayService(dataSource, {
          kafka: {
            brokers: env.KAFKA_BROKERS,
            clientId: `${env.KAFKA_CLIENT_ID}-${shape.name}-outbox`,
          },
          schema: shape.schema,
          namespace: env.KAFKA_TOPIC_NAMESPACE,
        }),
      inject: [DataSource],
    },
  ];
  return {
    imports: [
      TypeOrmModule.forRoot({
        ...dataSourceOptions({
          url: env.DATABASE_URL,
          schema: shape.schema,
          entities: CATALOGUE_ENTITIES,
          poolSize: shape.poolSize,
        }),
        retryAttempts: Number.MAX_SAFE_INTEGER,
        retryDelay: 2000,
      }),
      TerminusModule,
      MetricsModule,
      // The rate limit's guard first: requests that fail authentication are limited too.
      RateLimitModule.forRoot(env.HTTP_RATE_LIMIT_PER_SECOND, shape.schema),
      AuthModule.forRoot(auth),
    ],
    controllers: [...own.controllers, HealthController],
    providers: [...own.providers, ...providers],
  };
}

export interface KafkaServiceOptions<E extends CommonEnv> {
  /** Display name for logs, e.g. 'Bands'. */
  name: string;
  env: new () => E;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  port: (env: E) => number;
  consumer: (env: E) => Omit<KafkaBatchServerOptions, 'kafka' | 'namespace'>;
  module: (env: E, auth: AuthEnv, consumer: KafkaBatchServer) => DynamicModule;
  docs: { title: string; description: string };
  /** Last wiring before the consumer starts (e.g. metrics observers). */
  beforeStart?: (app: INestApplication, consumer: KafkaBatchServer) => void;
}

/**
 * Starts a service: validated config, its migrations under the advisory lock, the Nest app with
 * the HTTP edge, the Kafka batch consumer (after init, so everything it needs is loaded), HTTP,
 * and a drain on SIGTERM. A failure logs one line and exits 1.
 */
export function runKafkaService<E extends CommonEnv>(options: KafkaServiceOptions<E>): void {
  runService(options.name, async () => {
    const env = loadConfig(options.env);
    const auth = loadConfig(AuthEnv);
    const applied = await migrateServiceSchema(
      env.DATABASE_URL,
      options.schema,
      options.migrations,
    );
    if (applied.length) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
    const consumerOptions = options.consumer(env);
    const consumer = new KafkaBatchServer({
      kafka: {
        brokers: env.KAFKA_BROKERS,
        clientId: `${env.KAFKA_CLIENT_ID}-${options.name.toLowerCase()}`,
        connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
      },
      namespace: env.KAFKA_TOPIC_NAMESPACE,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: env.KAFKA_HEARTBEAT_INTERVAL_MS,
      ...consumerOptions,
    });
    // Fastify: about twice Express's requests per core on the check and query paths.
    const app = await NestFactory.create<NestFastifyApplication>(
      options.module(env, auth, consumer),
      // Path parameters up to 1,000 characters reach the route's validation (Fastify's default of
      // 100 answers a longer one with a bare 404 that names nothing).
      new FastifyAdapter({ bodyLimit: env.HTTP_BODY_LIMIT_BYTES, maxParamLength: 1000 }),
    );
    const dataSource = app.get(DataSource);
    guardPoolErrors(dataSource, (error) =>
      new Logger('Database').warn(`connection lost: ${error.message}`),
    );
    consumer.resumeFrom((topic, partition) =>
      readPartitionProgress(dataSource.manager, options.schema, {
        consumerGroup: consumerOptions.groupId,
        topic,
        partition,
      }),
    );
    setUpHttpEdge(app, options.docs.title, options.docs.description);
    options.beforeStart?.(app, consumer);
    app.connectMicroservice({ strategy: consumer });
    await app.init();
    await app.startAllMicroservices();
    const port = options.port(env);
    await app.listen(port, env.HTTP_HOST);
    drainOnSignals(app, options.name);
    new Logger(options.name).log(
      `listening on http://${env.HTTP_HOST}:${port} (docs at /docs, metrics at /metrics)`,
    );
  });
}
