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
import { BandsEnv } from './bands.env';
import { BandsModule } from './bands.module';
import { BANDS_MIGRATIONS } from './migrations';
import { BANDS_SCHEMA } from './observations/observation.store';

async function bootstrap(): Promise<void> {
  const env = loadConfig(BandsEnv);
  const auth = loadConfig(AuthEnv);
  const applied = await migrateServiceSchema(env.DATABASE_URL, BANDS_SCHEMA, BANDS_MIGRATIONS);
  if (applied.length) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
  const consumer = new KafkaBatchServer({
    kafka: {
      brokers: env.KAFKA_BROKERS,
      clientId: `${env.KAFKA_CLIENT_ID}-bands`,
      connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    },
    groupId: env.BANDS_CONSUMER_GROUP,
    topics: [Topic.Observations],
    namespace: env.KAFKA_TOPIC_NAMESPACE,
    chunkSize: env.BANDS_CHUNK_SIZE,
    // One partition at a time: the drafts are recomputed in this process after every chunk anyway.
    partitionsConsumedConcurrently: 1,
    fromBeginning: true,
  });
  const app = await NestFactory.create<NestExpressApplication>(
    BandsModule.register(env, auth, consumer),
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
    'Rangefinder bands',
    'Market pay bands per role × level × pay zone: drafts, publication, history, policy, structures, surveys.',
  );
  app.connectMicroservice({ strategy: consumer });
  // Init first: drafts are rebuilt from the store before the first chunk arrives.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(env.BANDS_PORT, env.HTTP_HOST);
  drainOnSignals(app, 'Bands');
  new Logger('Bands').log(
    `listening on http://${env.HTTP_HOST}:${env.BANDS_PORT} (docs at /docs, metrics at /metrics)`,
  );
}

runService('Bands', bootstrap);
