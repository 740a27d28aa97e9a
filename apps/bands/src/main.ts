import 'reflect-metadata';
import { Topic } from '@rangefinder/contracts';
import { runKafkaService } from '@rangefinder/service';
import { BandsEnv } from './bands.env';
import { BandsModule } from './bands.module';
import { BANDS_MIGRATIONS } from './migrations';
import { BANDS_SCHEMA } from './observations/observation.store';

runKafkaService({
  name: 'Bands',
  env: BandsEnv,
  schema: BANDS_SCHEMA,
  migrations: BANDS_MIGRATIONS,
  port: (env) => env.BANDS_PORT,
  consumer: (env) => ({
    groupId: env.BANDS_CONSUMER_GROUP,
    topics: [Topic.Observations],
    chunkSize: env.BANDS_CHUNK_SIZE,
    // Chunks of several partitions store in parallel; their draft updates queue behind each other.
    partitionsConsumedConcurrently: 3,
  }),
  module: (env, auth, consumer) => BandsModule.register(env, auth, consumer),
  docs: {
    title: 'Rangefinder bands',
    description:
      'Market pay bands per role × level × pay zone: drafts, publication, history, policy, structures, surveys.',
  },
});
