import { Module, type DynamicModule } from '@nestjs/common';
import type { KafkaBatchServer } from '@rangefinder/messaging';
import type { AuthEnv } from '@rangefinder/platform';
import { serviceModule } from '@rangefinder/service';
import { DatapointsMessageController } from './datapoints/datapoints.message.controller';
import { IngestChunkService } from './datapoints/ingest-chunk.service';
import { INGEST_SCHEMA, ObservationStore } from './datapoints/observation.store';
import { IngestEnv } from './ingest.env';
import { IngestMetrics } from './metrics/ingest.metrics';
import { SourcesHttpController } from './sources/sources.http.controller';

@Module({})
export class IngestModule {
  static register(env: IngestEnv, auth: AuthEnv, consumer: KafkaBatchServer): DynamicModule {
    return {
      module: IngestModule,
      ...serviceModule(
        env,
        auth,
        consumer,
        {
          name: 'ingest',
          schema: INGEST_SCHEMA,
          poolSize: env.INGEST_PARTITION_CONCURRENCY + 4,
        },
        {
          controllers: [DatapointsMessageController, SourcesHttpController],
          providers: [
            { provide: IngestEnv, useValue: env },
            ObservationStore,
            IngestChunkService,
            IngestMetrics,
          ],
        },
      ),
    };
  }
}
