import { StringDecoder } from 'node:string_decoder';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Topic } from '@rangefinder/contracts';
import { notifyKeys, returnedRows } from '@rangefinder/database';
import { applyChunkOnce, type AppliedChunk, type MessageChunk } from '@rangefinder/messaging';
import type { CellObservation } from '../cells/cell-observation';
import { BandsChannel } from '../changes/bands-channels';
import { readObservation, type ObservationChange } from './observation-reader';

export const BANDS_SCHEMA = 'bands';

const UPSERT = `
INSERT INTO bands.observations AS o (key, revision, source, observed_at, role, level, zone, country,
  employment_type, currency, base, bonus, equity, base_usd, company_id, weight)
SELECT * FROM json_to_recordset($1::json) AS r("key" text, "revision" bigint, "source" text,
  "observedAt" date, "role" text, "level" text, "zone" text, "country" text, "employmentType" text,
  "currency" text, "base" numeric, "bonus" numeric, "equity" numeric, "baseUsd" numeric,
  "companyId" text, "weight" float8)
ON CONFLICT (key) DO UPDATE SET revision = excluded.revision, source = excluded.source,
  observed_at = excluded.observed_at, role = excluded.role, level = excluded.level,
  zone = excluded.zone, country = excluded.country, employment_type = excluded.employment_type,
  currency = excluded.currency, base = excluded.base, bonus = excluded.bonus,
  equity = excluded.equity, base_usd = excluded.base_usd, company_id = excluded.company_id,
  weight = excluded.weight
WHERE o.revision <= excluded.revision
RETURNING key`;

/**
 * The bands service's copy of the observations. One transaction per chunk (applyChunkOnce):
 * upserts (a lower revision never overwrites a higher one), erasures, dead letters and the
 * partition's progress, so a redelivered chunk changes nothing.
 */
@Injectable()
export class ObservationStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a chunk once and announces its changed keys to every replica, in one transaction; the
   * result is the change feed token of the announcement, when there was a change.
   */
  apply(
    consumerGroup: string,
    chunk: MessageChunk,
  ): Promise<AppliedChunk<ObservationChange, string | undefined>> {
    return applyChunkOnce(this.dataSource, chunk, {
      schema: BANDS_SCHEMA,
      consumerGroup,
      deadLetters: Topic.ObservationsDlq,
      decode: (message) => readObservation(message.key, message.value),
      apply: async (tx, { accepted }) => ({ result: await this.store(tx, accepted) }),
    });
  }

  /** The last change of each key wins; returns the token announcing the keys stored or erased. */
  private async store(
    tx: EntityManager,
    changes: ObservationChange[],
  ): Promise<string | undefined> {
    const latest = new Map<string, ObservationChange>();
    for (const change of changes) {
      latest.set(change.kind === 'put' ? change.observation.key : change.key, change);
    }
    const puts = [...latest.values()].flatMap((c) => (c.kind === 'put' ? [c.observation] : []));
    const erases = [...latest.values()].flatMap((c) => (c.kind === 'erase' ? [c.key] : []));
    const stored =
      puts.length > 0
        ? await returnedRows<{ key: string }>(tx, UPSERT, [JSON.stringify(puts)])
        : [];
    if (erases.length > 0) {
      await tx.query(`DELETE FROM bands.observations WHERE key = ANY($1)`, [erases]);
    }
    const changed = [...erases, ...stored.map((row) => row.key)];
    return changed.length > 0 ? notifyKeys(tx, BandsChannel.Observations, changed) : undefined;
  }

  /**
   * The stored state of these keys: an observation for each key held, none for an erased one.
   * Amounts are numeric in the store and doubles in the cells (statistics): the database converts
   * them, so pg hands over numbers, not strings.
   */
  read(keys: string[]): Promise<CellObservation[]> {
    return this.dataSource.query<CellObservation[]>(
      `SELECT key, revision::text AS revision, source, to_char(observed_at, 'YYYY-MM-DD') AS "observedAt",
         role, level, zone, country, employment_type AS "employmentType", currency, base::float8 AS base,
         bonus::float8 AS bonus, equity::float8 AS equity, base_usd::float8 AS "baseUsd",
         company_id AS "companyId", weight
       FROM bands.observations WHERE key = ANY($1)`,
      [keys],
    );
  }

  /**
   * Every stored observation, for a full rebuild, streamed with COPY in batches: a million rows
   * arrive in seconds, where row-by-row result parsing takes far longer.
   */
  async *all(batchSize = 50_000): AsyncGenerator<CellObservation[]> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    try {
      const stream = client.query(
        copyTo(`COPY (SELECT ${COPY_COLUMNS} FROM bands.observations) TO STDOUT`),
      );
      const decoder = new StringDecoder('utf8');
      const shared = sharedStrings();
      let rest = '';
      let batch: CellObservation[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const lines = (rest + decoder.write(chunk)).split('\n');
        rest = lines.pop()!;
        for (const line of lines) batch.push(observationOf(line, shared));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (rest !== '') batch.push(observationOf(rest, shared));
      if (batch.length > 0) yield batch;
    } finally {
      client.release();
    }
  }
}

const COPY_COLUMNS = `key, revision, source, to_char(observed_at, 'YYYY-MM-DD'), role, level, zone,
  country, employment_type, currency, base, bonus, equity, base_usd, company_id, weight`;

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A field of COPY's text format: `\N` is null, backslash sequences are escapes. */
function copyField(raw: string): string | null {
  if (raw === '\\N') return null;
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, code: string) => {
    if (code[0] === 'x') return String.fromCharCode(parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8));
    return ESCAPES[code] ?? code;
  });
}

/**
 * One copy of each distinct value: a million rows name a few hundred roles, zones and dates, so
 * the observations held in memory share those strings instead of holding a million copies.
 */
function sharedStrings(): (value: string) => string {
  const held = new Map<string, string>();
  return (value) => {
    const copy = held.get(value);
    if (copy !== undefined) return copy;
    held.set(value, value);
    return value;
  };
}

/**
 * One line of the COPY above; numeric amounts are parsed once, here, into the cells' doubles.
 * Values many rows repeat go through `shared`.
 */
export function observationOf(
  line: string,
  shared: (value: string) => string = (value) => value,
): CellObservation {
  const f = line.split('\t');
  const word = (i: number) => shared(copyField(f[i])!);
  const amount = (i: number) => (f[i] === '\\N' ? null : Number(f[i]));
  const companyId = copyField(f[14]);
  return {
    key: copyField(f[0])!,
    revision: word(1),
    source: word(2),
    observedAt: word(3),
    role: word(4),
    level: word(5),
    zone: word(6),
    country: word(7),
    employmentType: word(8) as CellObservation['employmentType'],
    currency: word(9),
    base: Number(f[10]),
    bonus: amount(11),
    equity: amount(12),
    baseUsd: Number(f[13]),
    companyId: companyId === null ? null : shared(companyId),
    weight: Number(f[15]),
  };
}
