import 'reflect-metadata';
import { Topic } from '@rangefinder/contracts';
import { runKafkaService } from '@rangefinder/service';
import { INGEST_SCHEMA } from './datapoints/observation.store';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';
import { IngestMetrics } from './metrics/ingest.metrics';
import { INGEST_MIGRATIONS } from './migrations';

runKafkaService({
  name: 'Ingest',
  env: IngestEnv,
  schema: INGEST_SCHEMA,
  migrations: INGEST_MIGRATIONS,
  port: (env) => env.INGEST_PORT,
  consumer: (env) => ({
    groupId: env.INGEST_CONSUMER_GROUP,
    topics: [Topic.Datapoints],
    chunkSize: env.INGEST_CHUNK_SIZE,
    partitionsConsumedConcurrently: env.INGEST_PARTITION_CONCURRENCY,
  }),
  module: (env, auth, consumer) => IngestModule.register(env, auth, consumer),
  docs: {
    title: 'Rangefinder ingest',
    description:
      'Salary observations from comp.datapoints.v1 into Postgres; data-quality view per source.',
  },
  beforeStart: (app, consumer) => {
    const metrics = app.get(IngestMetrics);
    consumer.observe({
      onChunkDone: (chunk, ms) => metrics.chunkDone(chunk, ms),
      onRetry: () => metrics.retries.inc(),
    });
  },
});
