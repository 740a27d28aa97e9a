import 'reflect-metadata';
import { Topic } from '@rangefinder/contracts';
import { runKafkaService } from '@rangefinder/service';
import { OFFERS_SCHEMA } from './bands/band-book';
import { OFFERS_MIGRATIONS } from './migrations';
import { OffersEnv } from './offers.env';
import { OffersModule } from './offers.module';

runKafkaService({
  name: 'Offers',
  env: OffersEnv,
  schema: OFFERS_SCHEMA,
  migrations: OFFERS_MIGRATIONS,
  port: (env) => env.OFFERS_PORT,
  consumer: (env) => ({
    groupId: env.OFFERS_CONSUMER_GROUP,
    topics: [Topic.Bands],
    chunkSize: 500,
    partitionsConsumedConcurrently: 3,
  }),
  module: (env, auth, consumer) => OffersModule.register(env, auth, consumer),
  docs: {
    title: 'Rangefinder offers',
    description:
      'Instant offer checks against published bands, the approval workflow, and budget impact for finance.',
  },
});
