import { Injectable } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import type { MessageChunk } from '@rangefinder/messaging';
import { CatalogueProvider, type Catalogue } from '@rangefinder/catalogue';
import type { ChunkResult } from '../chunk-result';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { IngestEnv } from '../ingest.env';
import { readDatapoint } from './datapoint-reader';
import { normalizeDatapoint } from './datapoint-normalizer';
import { ObservationStore, type DecodedDatapoint } from './observation.store';

const UNKNOWN_SOURCE = 'unknown';

/** Classifies one message: stored, erased, or dead-lettered with its reason. Pure but for the clock. */
export function classifyMessage(
  partition: number,
  message: KafkaMessage,
  catalogue: Catalogue,
  today: string,
  maxBytes: number,
): DecodedDatapoint {
  const { offset } = message;
  const read = readDatapoint(message.key, message.value, maxBytes);
  if (read.kind === 'tombstone') {
    return {
      ok: {
        kind: 'erase',
        offset,
        partition,
        source: read.source,
        sourceRecordId: read.sourceRecordId,
      },
    };
  }
  if (read.kind === 'rejected') {
    return { reject: read.reason, source: read.source ?? UNKNOWN_SOURCE };
  }
  const normalized = normalizeDatapoint(read.datapoint, { partition, offset }, catalogue, today);
  if (normalized.kind === 'rejected') {
    return { reject: normalized.reason, source: read.datapoint.source };
  }
  return { ok: { kind: 'upsert', offset, observation: normalized.observation } };
}

/** The ingest use case for one chunk of `comp.datapoints.v1`. */
@Injectable()
export class IngestChunkService {
  constructor(
    private readonly catalogue: CatalogueProvider,
    private readonly store: ObservationStore,
    private readonly metrics: IngestMetrics,
    private readonly env: IngestEnv,
  ) {}

  async execute(chunk: MessageChunk): Promise<ChunkResult> {
    const today = new Date().toISOString().slice(0, 10);
    const catalogue = this.catalogue.catalogue;
    const result = await this.store.apply(this.env.INGEST_CONSUMER_GROUP, chunk, (message) =>
      classifyMessage(
        chunk.partition,
        message,
        catalogue,
        today,
        this.env.INGEST_MAX_MESSAGE_BYTES,
      ),
    );
    this.metrics.record(result);
    return result;
  }
}
