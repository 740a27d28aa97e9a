import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Topic } from '@rangefinder/contracts';
import { createDataSource, guardPoolErrors, runMigrations } from '@rangefinder/database';
import { KafkaBatchServer } from '@rangefinder/messaging';
import {
  AuthEnv,
  ErrorShapeFilter,
  edgeValidationPipe,
  loadConfig,
  withBearerAuth,
} from '@rangefinder/platform';
import { INGEST_SCHEMA } from './datapoints/observation.store';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';
import { IngestMetrics } from './metrics/ingest.metrics';
import { INGEST_MIGRATIONS } from './migrations';

async function migrate(env: IngestEnv): Promise<void> {
  const dataSource = createDataSource({
    url: env.DATABASE_URL,
    schema: INGEST_SCHEMA,
    migrations: INGEST_MIGRATIONS,
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource, INGEST_SCHEMA);
    if (applied.length) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * SIGTERM/SIGINT: stop fetching, let the chunk in flight commit, leave the group, stop the relay,
 * close the database — then exit 0, so an orchestrator sees a clean stop.
 */
function drainOnSignals(app: INestApplication): void {
  const logger = new Logger('Ingest');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: draining`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(
            `shutdown failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          process.exit(1);
        },
      );
    });
  }
}

async function bootstrap(): Promise<void> {
  const env = loadConfig(IngestEnv);
  const auth = loadConfig(AuthEnv);
  await migrate(env);
  const consumer = new KafkaBatchServer({
    kafka: {
      brokers: env.KAFKA_BROKERS,
      clientId: `${env.KAFKA_CLIENT_ID}-ingest`,
      connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    },
    groupId: env.INGEST_CONSUMER_GROUP,
    topics: [Topic.Datapoints],
    namespace: env.KAFKA_TOPIC_NAMESPACE,
    chunkSize: env.INGEST_CHUNK_SIZE,
    partitionsConsumedConcurrently: env.INGEST_PARTITION_CONCURRENCY,
  });
  const app = await NestFactory.create(IngestModule.register(env, auth, consumer));
  guardPoolErrors(app.get(DataSource), (error) =>
    new Logger('Database').warn(`connection lost: ${error.message}`),
  );
  app.useGlobalFilters(new ErrorShapeFilter());
  app.useGlobalPipes(edgeValidationPipe());
  const metrics = app.get(IngestMetrics);
  consumer.observe({
    onChunkDone: (chunk, ms) => metrics.chunkDone(chunk, ms),
    onRetry: () => metrics.retries.inc(),
  });
  const docs = withBearerAuth(new DocumentBuilder())
    .setTitle('Rangefinder ingest')
    .setDescription(
      'Salary observations from comp.datapoints.v1 into Postgres; data-quality view per source.',
    )
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, docs));
  app.connectMicroservice({ strategy: consumer });
  // Init first: the catalogue must be loaded before the first chunk arrives.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(env.INGEST_PORT, env.HTTP_HOST);
  drainOnSignals(app);
  new Logger('Ingest').log(
    `listening on http://${env.HTTP_HOST}:${env.INGEST_PORT} (docs at /docs, metrics at /metrics)`,
  );
}

bootstrap().catch((error) => {
  new Logger('Ingest').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
