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
import { OFFERS_SCHEMA } from './bands/band-book';
import { OFFERS_MIGRATIONS } from './migrations';
import { OffersEnv } from './offers.env';
import { OffersModule } from './offers.module';

async function bootstrap(): Promise<void> {
  const env = loadConfig(OffersEnv);
  const auth = loadConfig(AuthEnv);
  const applied = await migrateServiceSchema(env.DATABASE_URL, OFFERS_SCHEMA, OFFERS_MIGRATIONS);
  if (applied.length) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
  const consumer = new KafkaBatchServer({
    kafka: {
      brokers: env.KAFKA_BROKERS,
      clientId: `${env.KAFKA_CLIENT_ID}-offers`,
      connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    },
    groupId: env.OFFERS_CONSUMER_GROUP,
    topics: [Topic.Bands],
    namespace: env.KAFKA_TOPIC_NAMESPACE,
    chunkSize: 500,
    partitionsConsumedConcurrently: 3,
    fromBeginning: true,
  });
  const app = await NestFactory.create<NestExpressApplication>(
    OffersModule.register(env, auth, consumer),
    { bodyParser: false },
  );
  guardPoolErrors(app.get(DataSource), (error) =>
    new Logger('Database').warn(`connection lost: ${error.message}`),
  );
  setUpHttpEdge(
    app,
    env,
    'Rangefinder offers',
    'Instant offer checks against published bands, the approval workflow, and budget impact for finance.',
  );
  app.connectMicroservice({ strategy: consumer });
  // Init first: the stored bands are loaded before the first check or band event.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(env.OFFERS_PORT, env.HTTP_HOST);
  drainOnSignals(app, 'Offers');
  new Logger('Offers').log(
    `listening on http://${env.HTTP_HOST}:${env.OFFERS_PORT} (docs at /docs, metrics at /metrics)`,
  );
}

runService('Offers', bootstrap);
