import { BAND_SCHEMA, BandV1, RejectionCode } from '@rangefinder/contracts';
import { readBand } from './band-reader';

/** A band as the bands service publishes it, with its additive fields. */
const published = {
  schema: BAND_SCHEMA,
  role: 'data-scientist',
  level: 'IC4',
  zone: 'US-A',
  version: 2,
  effectiveFrom: '2025-01-01',
  currency: 'USD',
  percentiles: { p10: 130_000, p25: 150_000, p50: 175_000, p75: 200_000, p90: 230_000 },
  min: 150_000,
  mid: 175_000,
  max: 200_000,
  openEnded: false,
  spread: 1 / 3,
  sample: { n: 40, companies: 12, sources: ['ai-jobs'] },
  confidence: 'high',
  derivedFrom: null,
  policyVersion: 1,
  publishedAt: '2024-12-20T10:00:00.000Z',
  publishedBy: 'analyst@example.com',
  basis: 'market',
  provenance: { policyVersion: 1 },
};
const read = (value: unknown) => readBand(Buffer.from(JSON.stringify(value)));

function band(result: ReturnType<typeof readBand>): BandV1 {
  if (!('ok' in result)) throw new Error(`rejected: ${result.reject.message}`);
  return result.ok;
}
function rejected(result: ReturnType<typeof readBand>) {
  if ('ok' in result) throw new Error('expected a rejection');
  return result.reject;
}

describe('readBand', () => {
  it('reads a published band as a BandV1, keeping its additive fields', () => {
    const result = band(read(published));
    expect(result).toBeInstanceOf(BandV1);
    expect(JSON.parse(JSON.stringify(result))).toEqual(published);
  });

  it('reads a suppressed band derived from its country', () => {
    const suppressed = {
      ...published,
      percentiles: { p10: null, p25: null, p50: null, p75: null, p90: null },
      min: null,
      mid: null,
      max: null,
      spread: null,
      sample: { n: null, companies: null, sources: [] },
      confidence: null,
      derivedFrom: { scope: 'country', key: 'US' },
    };
    expect(band(read(suppressed)).derivedFrom).toEqual({ scope: 'country', key: 'US' });
  });

  it('refuses a tombstone, bytes that are not JSON and another schema', () => {
    expect(rejected(readBand(null)).code).toBe(RejectionCode.SchemaViolation);
    expect(rejected(readBand(Buffer.from('{'))).code).toBe(RejectionCode.InvalidJson);
    expect(rejected(read({ ...published, schema: 'comp.offer-decision.v1' })).fields).toEqual([
      { path: 'schema', problem: `must be "${BAND_SCHEMA}"` },
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['version', { version: 1.5 }],
    ['version', { version: 0 }],
    ['effectiveFrom', { effectiveFrom: '2025-02-30' }],
    ['currency', { currency: 'usd' }],
    ['percentiles.p50', { percentiles: { ...published.percentiles, p50: '175000' } }],
    ['percentiles', { percentiles: null }],
    ['min', { min: undefined }],
    ['openEnded', { openEnded: 'no' }],
    ['sample.sources', { sample: { n: 1, companies: 1, sources: [7] } }],
    ['confidence', { confidence: 'certain' }],
    ['derivedFrom.scope', { derivedFrom: { scope: 'planet', key: 'earth' } }],
    ['publishedAt', { publishedAt: 'yesterday' }],
  ])('names %s when it is wrong', (path, fields) => {
    const reason = rejected(read({ ...published, ...fields }));
    expect(reason.code).toBe(RejectionCode.SchemaViolation);
    expect([...new Set(reason.fields.map((f) => f.path))]).toEqual([path]);
  });
});
