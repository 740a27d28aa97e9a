import { Injectable } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { originalMessage, type MessageChunk } from '@rangefinder/messaging';
import { CatalogueProvider, type Catalogue } from '@rangefinder/catalogue';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { IngestEnv } from '../ingest.env';
import { readDatapoint } from './datapoint-reader';
import { normalizeDatapoint } from './datapoint-normalizer';
import { ObservationStore, type ChunkOutcome, type ChunkResult } from './observation.store';

const UNKNOWN_SOURCE = 'unknown';

/** Classifies one message: stored, erased, or dead-lettered with its reason. Pure but for the clock. */
export function classifyMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
  catalogue: Catalogue,
  today: string,
  maxBytes: number,
): ChunkOutcome {
  const { offset } = message;
  const read = readDatapoint(message.key, message.value, maxBytes);
  const original = () => originalMessage(topic, partition, message);
  if (read.kind === 'tombstone') {
    return {
      kind: 'erase',
      offset,
      partition,
      source: read.source,
      sourceRecordId: read.sourceRecordId,
    };
  }
  if (read.kind === 'rejected') {
    return {
      kind: 'reject',
      offset,
      source: read.source ?? UNKNOWN_SOURCE,
      reason: read.reason,
      original: original(),
    };
  }
  const normalized = normalizeDatapoint(read.datapoint, { partition, offset }, catalogue, today);
  if (normalized.kind === 'rejected') {
    return {
      kind: 'reject',
      offset,
      source: read.datapoint.source,
      reason: normalized.reason,
      original: original(),
    };
  }
  return { kind: 'upsert', offset, observation: normalized.observation };
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
    const outcomes = chunk.messages.map((m) =>
      classifyMessage(
        chunk.topic,
        chunk.partition,
        m,
        catalogue,
        today,
        this.env.INGEST_MAX_MESSAGE_BYTES,
      ),
    );
    const result = await this.store.apply(
      this.env.INGEST_CONSUMER_GROUP,
      chunk.topic,
      chunk.partition,
      outcomes,
    );
    this.metrics.record(result);
    return result;
  }
}
