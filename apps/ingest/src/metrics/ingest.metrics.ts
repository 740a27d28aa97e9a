import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MessageChunk } from '@rangefinder/messaging';
import type { ChunkResult } from '../chunk-result';

@Injectable()
export class IngestMetrics {
  readonly consumed: Counter;
  readonly accepted: Counter;
  readonly rejected: Counter<'code'>;
  readonly corrected: Counter;
  readonly erased: Counter;
  readonly redelivered: Counter;
  readonly retries: Counter;
  readonly batchSeconds: Histogram;
  readonly lag: Gauge<'topic' | 'partition'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.consumed = new Counter({
      name: 'rangefinder_ingest_consumed_total',
      help: 'Messages consumed from comp.datapoints.v1 (first delivery)',
      registers,
    });
    this.accepted = new Counter({
      name: 'rangefinder_ingest_accepted_total',
      help: 'Valid observations stored',
      registers,
    });
    this.rejected = new Counter({
      name: 'rangefinder_ingest_rejected_total',
      help: 'Messages sent to the dead-letter topic, by reason code',
      labelNames: ['code'],
      registers,
    });
    this.corrected = new Counter({
      name: 'rangefinder_ingest_corrected_total',
      help: 'Observations replaced by a newer version of the same key',
      registers,
    });
    this.erased = new Counter({
      name: 'rangefinder_ingest_erased_total',
      help: 'Observations erased by a tombstone',
      registers,
    });
    this.redelivered = new Counter({
      name: 'rangefinder_ingest_redelivered_total',
      help: 'Messages already applied, skipped on redelivery',
      registers,
    });
    this.retries = new Counter({
      name: 'rangefinder_ingest_chunk_retries_total',
      help: 'Chunk attempts that failed with a transient fault and were retried',
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'rangefinder_ingest_batch_duration_seconds',
      help: 'Time to validate, normalize and store one chunk, including retries',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.lag = new Gauge({
      name: 'rangefinder_ingest_consumer_lag',
      help: 'Messages behind the high watermark, per partition',
      labelNames: ['topic', 'partition'],
      registers,
    });
  }

  record(result: ChunkResult): void {
    this.consumed.inc(result.consumed);
    this.redelivered.inc(result.skipped);
    this.accepted.inc(result.accepted);
    this.corrected.inc(result.corrected);
    this.erased.inc(result.erased);
    for (const [code, n] of result.rejected) this.rejected.inc({ code }, n);
  }

  chunkDone(chunk: MessageChunk, durationMs: number): void {
    this.batchSeconds.observe(durationMs / 1000);
    this.lag.set({ topic: chunk.topic, partition: String(chunk.partition) }, chunk.lagAfter);
  }
}
