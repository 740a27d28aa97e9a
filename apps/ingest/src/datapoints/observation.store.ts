import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { KafkaMessage } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows } from '@rangefinder/database';
import {
  OBSERVATION_SCHEMA,
  Topic,
  datapointKey,
  type ObservationV1,
} from '@rangefinder/contracts';
import {
  applyChunkOnce,
  type Applied,
  type Decoded,
  type FreshMessages,
  type MessageChunk,
  type OutboxMessage,
  type Rejected,
} from '@rangefinder/messaging';
import type { ChunkResult, StoredChunk } from '../chunk-result';
import type { NormalizedObservation } from './normalized-observation';

export const INGEST_SCHEMA = 'ingest';

export type DatapointChange =
  | { kind: 'upsert'; offset: string; observation: NormalizedObservation }
  | { kind: 'erase'; offset: string; partition: number; source: string; sourceRecordId: string };

/** A rejection counts against its source (`unknown` when the message names none). */
export interface RejectedDatapoint extends Rejected {
  source: string;
}

export type DecodedDatapoint = Decoded<DatapointChange, RejectedDatapoint>;

interface SourceDelta {
  held: number;
  accepted: number;
  corrected: number;
  erased: number;
  rejected: number;
}

// Rows arrive as one JSON array of NormalizedObservation (camelCase keys, as serialized).
const UPSERT = `
INSERT INTO ingest.observations AS o (
  source, source_record_id, kafka_partition, kafka_offset, observed_at, role, level, zone, country,
  region, city, employment_type, period, original_currency, original_base, currency, base, bonus,
  equity, base_usd, fx_rate, fx_as_of, company_id, weight)
SELECT * FROM json_to_recordset($1::json) AS r(
  "source" text, "sourceRecordId" text, "partition" int, "offset" bigint, "observedAt" date,
  "role" text, "level" text, "zone" text, "country" text, "region" text, "city" text,
  "employmentType" text, "period" text, "originalCurrency" text, "originalBase" numeric,
  "currency" text, "base" numeric, "bonus" numeric, "equity" numeric, "baseUsd" numeric,
  "fxRate" float8, "fxAsOf" date, "companyId" text, "weight" float8)
ON CONFLICT (source, source_record_id) DO UPDATE SET
  kafka_partition = excluded.kafka_partition, kafka_offset = excluded.kafka_offset,
  revision = nextval('ingest.observation_revision'), observed_at = excluded.observed_at,
  role = excluded.role, level = excluded.level, zone = excluded.zone, country = excluded.country,
  region = excluded.region, city = excluded.city, employment_type = excluded.employment_type,
  period = excluded.period, original_currency = excluded.original_currency,
  original_base = excluded.original_base, currency = excluded.currency, base = excluded.base,
  bonus = excluded.bonus, equity = excluded.equity, base_usd = excluded.base_usd,
  fx_rate = excluded.fx_rate, fx_as_of = excluded.fx_as_of, company_id = excluded.company_id,
  weight = excluded.weight, updated_at = now()
-- Newer offset wins. Offsets of one key are comparable only within its partition; a key produced
-- to another partition (a foreign partitioner) is taken as the newer version.
WHERE o.kafka_partition <> excluded.kafka_partition OR o.kafka_offset < excluded.kafka_offset
RETURNING o.source, o.source_record_id, o.revision, (o.xmax = 0) AS inserted`;

const ERASE = `
DELETE FROM ingest.observations o
USING unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) AS e(source, source_record_id, kafka_partition, kafka_offset)
WHERE o.source = e.source AND o.source_record_id = e.source_record_id
  AND (o.kafka_partition <> e.kafka_partition OR o.kafka_offset < e.kafka_offset)
RETURNING o.source, o.source_record_id`;

/** The hand-off event (comp.observations.v1) of a stored observation. */
export function observationEvent(
  o: NormalizedObservation,
  revision: string,
  change: ObservationV1['change'],
): ObservationV1 {
  return {
    schema: OBSERVATION_SCHEMA,
    key: datapointKey(o.source, o.sourceRecordId),
    revision,
    change,
    source: o.source,
    sourceRecordId: o.sourceRecordId,
    observedAt: o.observedAt,
    role: o.role,
    level: o.level,
    zone: o.zone,
    country: o.country,
    employmentType: o.employmentType,
    currency: o.currency,
    base: o.base,
    bonus: o.bonus,
    equity: o.equity,
    baseUsd: o.baseUsd,
    fx: { from: o.originalCurrency, rate: o.fxRate, asOf: o.fxAsOf },
    companyId: o.companyId,
    weight: o.weight,
  };
}

/**
 * Applies one chunk of a partition once (applyChunkOnce): observations upserted or erased,
 * hand-off events and dead letters queued in the outbox, per-source counters, and the partition's
 * progress, in a single transaction; a redelivered chunk stores, counts and sends nothing twice.
 */
@Injectable()
export class ObservationStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async apply(
    consumerGroup: string,
    chunk: MessageChunk,
    decode: (message: KafkaMessage) => DecodedDatapoint,
  ): Promise<ChunkResult> {
    const applied = await applyChunkOnce(this.dataSource, chunk, {
      schema: INGEST_SCHEMA,
      consumerGroup,
      deadLetters: Topic.DatapointsDlq,
      decode,
      apply: (tx, fresh) => this.store(tx, chunk.partition, fresh),
    });
    return {
      consumed: applied.consumed,
      skipped: applied.skipped,
      ...(applied.result ?? { accepted: 0, corrected: 0, erased: 0, rejected: new Map() }),
    };
  }

  private async store(
    tx: EntityManager,
    partition: number,
    { accepted, rejected }: FreshMessages<DatapointChange, RejectedDatapoint>,
  ): Promise<Applied<StoredChunk>> {
    const result: StoredChunk = { accepted: 0, corrected: 0, erased: 0, rejected: new Map() };
    const deltas = new Map<string, SourceDelta>();
    const delta = (source: string) => {
      let d = deltas.get(source);
      if (!d)
        deltas.set(source, (d = { held: 0, accepted: 0, corrected: 0, erased: 0, rejected: 0 }));
      return d;
    };
    const rejectionsByCode = new Map<string, Map<string, number>>();
    for (const { reject, source } of rejected) {
      delta(source).rejected++;
      result.rejected.set(reject.code, (result.rejected.get(reject.code) ?? 0) + 1);
      const bySource = rejectionsByCode.get(source) ?? new Map<string, number>();
      bySource.set(reject.code, (bySource.get(reject.code) ?? 0) + 1);
      rejectionsByCode.set(source, bySource);
    }

    const latest = new Map<string, DatapointChange>();
    for (const o of accepted) {
      const source = o.kind === 'upsert' ? o.observation.source : o.source;
      const id = o.kind === 'upsert' ? o.observation.sourceRecordId : o.sourceRecordId;
      const key = datapointKey(source, id);
      const superseded = latest.get(key);
      if (superseded?.kind === 'upsert') delta(source).corrected++;
      if (o.kind === 'upsert') delta(source).accepted++;
      latest.set(key, o);
    }

    const upserts: NormalizedObservation[] = [];
    const erases: Extract<DatapointChange, { kind: 'erase' }>[] = [];
    for (const o of latest.values()) {
      if (o.kind === 'upsert') upserts.push(o.observation);
      else erases.push(o);
    }

    const events: OutboxMessage[] = [];
    if (upserts.length > 0) {
      const byKey = new Map(upserts.map((u) => [datapointKey(u.source, u.sourceRecordId), u]));
      const stored = await returnedRows<{
        source: string;
        source_record_id: string;
        revision: string;
        inserted: boolean;
      }>(tx, UPSERT, [JSON.stringify(upserts)]);
      for (const row of stored) {
        const observation = byKey.get(datapointKey(row.source, row.source_record_id))!;
        const d = delta(row.source);
        if (row.inserted) d.held++;
        else d.corrected++;
        events.push({
          topic: Topic.Observations,
          key: datapointKey(row.source, row.source_record_id),
          value: observationEvent(
            observation,
            row.revision,
            row.inserted ? 'accepted' : 'corrected',
          ),
        });
      }
    }
    if (erases.length > 0) {
      const gone = await returnedRows<{ source: string; source_record_id: string }>(tx, ERASE, [
        erases.map((e) => e.source),
        erases.map((e) => e.sourceRecordId),
        erases.map((e) => e.partition),
        erases.map((e) => e.offset),
      ]);
      for (const row of gone) {
        const d = delta(row.source);
        d.held--;
        d.erased++;
        events.push({
          topic: Topic.Observations,
          key: datapointKey(row.source, row.source_record_id),
          value: null,
        });
      }
    }

    await this.recordSourceStats(tx, partition, deltas, rejectionsByCode);
    for (const d of deltas.values()) {
      result.accepted += d.accepted;
      result.corrected += d.corrected;
      result.erased += d.erased;
    }
    return { result, events };
  }

  private async recordSourceStats(
    tx: EntityManager,
    partition: number,
    deltas: Map<string, SourceDelta>,
    rejections: Map<string, Map<string, number>>,
  ): Promise<void> {
    const sources = [...deltas.keys()];
    await tx.query(
      `INSERT INTO ingest.source_stats AS s (source, partition, held, accepted, corrected, erased, rejected, last_delivered_at)
       SELECT source, $7, held, accepted, corrected, erased, rejected, now()
       FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
         AS d(source, held, accepted, corrected, erased, rejected)
       ON CONFLICT (source, partition) DO UPDATE SET
         held = s.held + excluded.held, accepted = s.accepted + excluded.accepted,
         corrected = s.corrected + excluded.corrected, erased = s.erased + excluded.erased,
         rejected = s.rejected + excluded.rejected, last_delivered_at = now()`,
      [
        sources,
        sources.map((s) => deltas.get(s)!.held),
        sources.map((s) => deltas.get(s)!.accepted),
        sources.map((s) => deltas.get(s)!.corrected),
        sources.map((s) => deltas.get(s)!.erased),
        sources.map((s) => deltas.get(s)!.rejected),
        partition,
      ],
    );
    const rows = [...rejections].flatMap(([source, codes]) =>
      [...codes].map(([code, n]) => ({ source, code, n })),
    );
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO ingest.source_rejections AS r (source, code, partition, count, last_rejected_at)
       SELECT source, code, $4, n, now() FROM unnest($1::text[], $2::text[], $3::bigint[]) AS d(source, code, n)
       ON CONFLICT (source, code, partition) DO UPDATE SET count = r.count + excluded.count, last_rejected_at = now()`,
      [rows.map((r) => r.source), rows.map((r) => r.code), rows.map((r) => r.n), partition],
    );
  }
}
