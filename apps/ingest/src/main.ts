import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { Topic } from '@rangefinder/contracts';
import { guardPoolErrors, migrateServiceSchema } from '@rangefinder/database';
import { KafkaBatchServer } from '@rangefinder/messaging';
import {
  AuthEnv,
  drainOnSignals,
  loadConfig,
  runService,
  setUpHttpEdge,
} from '@rangefinder/platform';
import { INGEST_SCHEMA } from './datapoints/observation.store';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';
import { IngestMetrics } from './metrics/ingest.metrics';
import { INGEST_MIGRATIONS } from './migrations';

async function bootstrap(): Promise<void> {
  const env = loadConfig(IngestEnv);
  const auth = loadConfig(AuthEnv);
  const applied = await migrateServiceSchema(env.DATABASE_URL, INGEST_SCHEMA, INGEST_MIGRATIONS);
  if (applied.length) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
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
  const app = await NestFactory.create<NestExpressApplication>(
    IngestModule.register(env, auth, consumer),
    {
      bodyParser: false,
    },
  );
  guardPoolErrors(app.get(DataSource), (error) =>
    new Logger('Database').warn(`connection lost: ${error.message}`),
  );
  setUpHttpEdge(
    app,
    env,
    'Rangefinder ingest',
    'Salary observations from comp.datapoints.v1 into Postgres; data-quality view per source.',
  );
  const metrics = app.get(IngestMetrics);
  consumer.observe({
    onChunkDone: (chunk, ms) => metrics.chunkDone(chunk, ms),
    onRetry: () => metrics.retries.inc(),
  });
  app.connectMicroservice({ strategy: consumer });
  // Init first: the catalogue must be loaded before the first chunk arrives.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(env.INGEST_PORT, env.HTTP_HOST);
  drainOnSignals(app, 'Ingest');
  new Logger('Ingest').log(
    `listening on http://${env.HTTP_HOST}:${env.INGEST_PORT} (docs at /docs, metrics at /metrics)`,
  );
}

runService('Ingest', bootstrap);
