import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RejectionCode, Topic } from '@rangefinder/contracts';
import { returnedRows } from '@rangefinder/database';
import {
  advancePartitionProgress,
  enqueueOutbox,
  lockPartitionProgress,
  originalMessage,
  rejectionEvent,
  type MessageChunk,
  type OutboxMessage,
} from '@rangefinder/messaging';
import { readObservation, type CellObservation } from '../cells/cell-observation';

export const BANDS_SCHEMA = 'bands';

export type AppliedChange =
  { kind: 'put'; observation: CellObservation } | { kind: 'erase'; key: string };

export interface AppliedChunk {
  changes: AppliedChange[];
  skipped: number;
  rejected: number;
}

const UPSERT = `
INSERT INTO bands.observations AS o (key, revision, source, observed_at, role, level, zone, country,
  employment_type, currency, base, bonus, equity, base_usd, company_id, weight)
SELECT * FROM json_to_recordset($1::json) AS r("key" text, "revision" bigint, "source" text,
  "observedAt" date, "role" text, "level" text, "zone" text, "country" text, "employmentType" text,
  "currency" text, "base" float8, "bonus" float8, "equity" float8, "baseUsd" float8,
  "companyId" text, "weight" float8)
ON CONFLICT (key) DO UPDATE SET revision = excluded.revision, source = excluded.source,
  observed_at = excluded.observed_at, role = excluded.role, level = excluded.level,
  zone = excluded.zone, country = excluded.country, employment_type = excluded.employment_type,
  currency = excluded.currency, base = excluded.base, bonus = excluded.bonus,
  equity = excluded.equity, base_usd = excluded.base_usd, company_id = excluded.company_id,
  weight = excluded.weight
WHERE o.revision <= excluded.revision
RETURNING key`;

const COLUMNS = `key, revision::text AS revision, source, to_char(observed_at, 'YYYY-MM-DD') AS "observedAt",
  role, level, zone, country, employment_type AS "employmentType", currency, base, bonus, equity,
  base_usd AS "baseUsd", company_id AS "companyId", weight`;

/**
 * The bands service's copy of the observations. One transaction per chunk: upserts (a lower
 * revision never overwrites a higher one), erasures, dead letters and the partition's progress,
 * so a redelivered chunk changes nothing.
 */
@Injectable()
export class ObservationStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async apply(consumerGroup: string, chunk: MessageChunk): Promise<AppliedChunk> {
    return this.dataSource.transaction(async (tx) => {
      const progress = { consumerGroup, topic: chunk.topic, partition: chunk.partition };
      const next = await lockPartitionProgress(tx, BANDS_SCHEMA, progress);
      const fresh = chunk.messages.filter((m) => BigInt(m.offset) >= next);
      const result: AppliedChunk = {
        changes: [],
        skipped: chunk.messages.length - fresh.length,
        rejected: 0,
      };
      if (fresh.length === 0) return result;

      const latest = new Map<string, AppliedChange>();
      const deadLetters: OutboxMessage[] = [];
      const now = new Date().toISOString();
      for (const message of fresh) {
        const read = readObservation(message.key, message.value);
        if (read.kind === 'observation')
          latest.set(read.observation.key, { kind: 'put', observation: read.observation });
        else if (read.kind === 'erasure') latest.set(read.key, { kind: 'erase', key: read.key });
        else {
          result.rejected++;
          const original = originalMessage(chunk.topic, chunk.partition, message);
          deadLetters.push({
            topic: Topic.ObservationsDlq,
            key: original.key,
            value: rejectionEvent(
              { code: RejectionCode.SchemaViolation, message: read.message, fields: read.fields },
              original,
              now,
            ),
          });
        }
      }
      const puts = [...latest.values()].flatMap((c) => (c.kind === 'put' ? [c.observation] : []));
      const erases = [...latest.values()].flatMap((c) => (c.kind === 'erase' ? [c.key] : []));
      const stored = new Set<string>();
      if (puts.length > 0) {
        const rows = await returnedRows<{ key: string }>(tx, UPSERT, [JSON.stringify(puts)]);
        for (const row of rows) stored.add(row.key);
      }
      if (erases.length > 0) {
        await tx.query(`DELETE FROM bands.observations WHERE key = ANY($1)`, [erases]);
      }
      await enqueueOutbox(tx, BANDS_SCHEMA, deadLetters);
      await advancePartitionProgress(
        tx,
        BANDS_SCHEMA,
        progress,
        BigInt(fresh[fresh.length - 1].offset) + 1n,
      );
      result.changes = [...latest.values()].filter(
        (c) => c.kind === 'erase' || stored.has(c.observation.key),
      );
      return result;
    });
  }

  /** Every stored observation, for a full rebuild (streamed in pages to bound memory spikes). */
  async *all(pageSize = 100_000): AsyncGenerator<CellObservation[]> {
    let after = '';
    for (;;) {
      const rows: CellObservation[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM bands.observations WHERE key > $1 ORDER BY key LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].key;
    }
  }
}
