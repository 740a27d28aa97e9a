import fc from 'fast-check';
import {
  BAND_SCHEMA,
  DATAPOINT_SCHEMA,
  OBSERVATION_SCHEMA,
  Topic,
  cellKey,
  datapointKey,
} from '@rangefinder/contracts';
import type { IngestHarness } from '../ingest-harness';

/** One input topic under fuzz: its valid messages, its dead-letter topic, and what its consumer stores. */
export interface FuzzedTopic {
  topic: Topic;
  deadLetters: Topic;
  /** The service's schema (consumer progress, outbox). */
  schema: string;
  /** A valid value for the i-th message and its key, distinct from every other message's. */
  valid(i: number): fc.Arbitrary<{ key: string; value: object }>;
  /** A message the consumer certainly stores (valid for the catalogue too). */
  sentinel(i: number): { key: string; value: object };
  /** What identifies a message in the store, from where it was written and what it holds. */
  identity(at: { partition: number; offset: string }, value: unknown): string | undefined;
  /** The identities of everything the consumer holds now. */
  stored(h: IngestHarness): Promise<Set<string>>;
}

/** Cells of the seed catalogue, and a few it cannot map (an executive IC level, a source code). */
const CELLS = [
  ...['data-scientist', 'software-engineer', 'data-engineer', 'qa-engineer'].flatMap((role) =>
    ['IC1', 'IC3', 'IC4', 'IC6'].map((level) => ({ role, level })),
  ),
  { role: 'engineering-manager', level: 'M3' },
  { role: 'head-of-data', level: 'M5' },
  { role: 'vp-engineering', level: 'E1' },
  { role: 'vp-engineering', level: 'IC1' },
  { role: 'data-scientist', level: 'SE' },
];
const PLACES = [
  { country: 'US', region: 'CA', city: 'San Francisco', zone: 'US-A', currency: 'USD' },
  { country: 'US', zone: 'US', currency: 'USD' },
  { country: 'GB', city: 'London', zone: 'GB-London', currency: 'GBP' },
  { country: 'DE', zone: 'DE', currency: 'EUR' },
  { country: 'JP', zone: 'JP', currency: 'JPY' },
  { country: 'ZZ', zone: 'ZZ', currency: 'XXX' },
];
const date = fc
  .date({ min: new Date('2019-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const amount = fc.integer({ min: 100_000, max: 40_000_000 }).map((cents) => cents / 100);
const optionalAmount = fc.option(amount, { nil: undefined });

const field = (value: unknown) =>
  (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;

export const DATAPOINTS: FuzzedTopic = {
  topic: Topic.Datapoints,
  deadLetters: Topic.DatapointsDlq,
  schema: 'ingest',
  valid: (i) =>
    fc
      .record({
        cell: fc.constantFrom(...CELLS),
        place: fc.constantFrom(...PLACES),
        observedAt: date,
        employmentType: fc.constantFrom('FT', 'FT', 'PT', 'CT', 'FL'),
        period: fc.constantFrom('year', 'month', 'hour', undefined),
        base: amount,
        bonus: optionalAmount,
        equity: optionalAmount,
        weight: fc.option(fc.double({ min: 0.1, max: 10, noNaN: true }), { nil: undefined }),
      })
      .map(({ cell, place, ...d }) => {
        const { zone: _zone, currency, ...location } = place;
        const value = {
          schema: DATAPOINT_SCHEMA,
          source: 'fuzz',
          sourceRecordId: `dp-${i}`,
          ...cell,
          ...d,
          location,
          currency,
        };
        return {
          key: datapointKey('fuzz', `dp-${i}`),
          value: JSON.parse(JSON.stringify(value)) as object,
        };
      }),
  sentinel: (i) => ({
    key: datapointKey('fuzz', `dp-${i}`),
    value: {
      schema: DATAPOINT_SCHEMA,
      source: 'fuzz',
      sourceRecordId: `dp-${i}`,
      observedAt: '2024-06-01',
      role: 'data-scientist',
      level: 'IC4',
      location: { country: 'US', region: 'CA', city: 'San Francisco' },
      employmentType: 'FT',
      currency: 'USD',
      base: 150_000,
    },
  }),
  identity: ({ partition, offset }) => `${partition}:${offset}`,
  stored: async (h) =>
    new Set(
      (
        await h.query<{ at: string }>(
          `SELECT kafka_partition || ':' || kafka_offset AS at FROM ingest.observations`,
        )
      ).map((r) => r.at),
    ),
};

export const OBSERVATIONS: FuzzedTopic = {
  topic: Topic.Observations,
  deadLetters: Topic.ObservationsDlq,
  schema: 'bands',
  valid: (i) =>
    fc
      .record({
        cell: fc.constantFrom(...CELLS),
        place: fc.constantFrom(...PLACES),
        observedAt: date,
        employmentType: fc.constantFrom('FT', 'FT', 'PT'),
        base: amount,
        bonus: fc.option(amount, { nil: null }),
        revision: fc.bigInt({ min: 1n, max: 1n << 40n }).map(String),
      })
      .map(({ cell, place, ...o }) => {
        const key = `fuzz-obs:${i}`;
        const value = {
          schema: OBSERVATION_SCHEMA,
          key,
          change: 'accepted',
          source: 'fuzz-obs',
          sourceRecordId: String(i),
          ...cell,
          ...o,
          equity: null,
          zone: place.zone,
          country: place.country,
          currency: place.currency,
          baseUsd: o.base,
          fx: { from: place.currency, rate: 1, asOf: o.observedAt },
          companyId: null,
          weight: 1,
        };
        return { key, value };
      }),
  sentinel: (i) => fc.sample(OBSERVATIONS.valid(i), { seed: i, numRuns: 1 })[0],
  identity: (_, value) => {
    const v = field(value);
    return typeof v.key === 'string' ? `${v.key}#${String(v.revision)}` : undefined;
  },
  stored: async (h) =>
    new Set(
      (
        await h.query<{ id: string }>(`SELECT key || '#' || revision AS id FROM bands.observations`)
      ).map((r) => r.id),
    ),
};

export const BANDS: FuzzedTopic = {
  topic: Topic.Bands,
  deadLetters: Topic.BandsDlq,
  schema: 'offers',
  valid: (i) =>
    fc
      .record({
        cell: fc.constantFrom(...CELLS),
        place: fc.constantFrom(...PLACES),
        effectiveFrom: date,
        points: fc.array(fc.option(amount, { nil: null, freq: 8 }), { minLength: 5, maxLength: 5 }),
        openEnded: fc.boolean(),
        n: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
        confidence: fc.constantFrom('high', 'medium', 'low', null),
      })
      .map(({ cell, place, points, n, ...b }) => {
        const [p10, p25, p50, p75, p90] = [...points].sort((x, y) => (x ?? 0) - (y ?? 0));
        const value = {
          schema: BAND_SCHEMA,
          ...cell,
          zone: place.zone,
          // Far above the versions the bands service publishes, so a fuzzed band never collides with one.
          version: 100_000 + i,
          effectiveFrom: b.effectiveFrom,
          currency: place.currency,
          percentiles: { p10, p25, p50, p75, p90 },
          min: p25,
          mid: p50,
          max: b.openEnded ? p90 : p75,
          openEnded: b.openEnded,
          spread: p25 && p75 ? (p75 - p25) / p25 : null,
          sample: { n, companies: null, sources: ['fuzz'] },
          confidence: b.confidence,
          derivedFrom: null,
          policyVersion: 1,
          publishedAt: new Date('2025-01-19T00:00:00Z').toISOString(),
          publishedBy: 'fuzz',
        };
        return { key: cellKey({ ...cell, zone: place.zone }), value };
      }),
  sentinel: (i) => fc.sample(BANDS.valid(i), { seed: i, numRuns: 1 })[0],
  identity: (_, value) => {
    const v = field(value);
    return typeof v.version === 'number'
      ? `${String(v.role)}|${String(v.level)}|${String(v.zone)}#${v.version}`
      : undefined;
  },
  stored: async (h) =>
    new Set(
      (await h.query<{ id: string }>(`SELECT cell || '#' || version AS id FROM offers.bands`)).map(
        (r) => r.id,
      ),
    ),
};
