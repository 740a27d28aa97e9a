import type { CellDraft } from '../cells/cell-draft';
import { bandEvent, publicPart, sameBand, type PublishedBand } from './published-band';
import { publishedFrom } from './published-band.fixture';

const draft = (changes: Partial<CellDraft> = {}): CellDraft => ({
  key: 'data-scientist|IC3|US-B',
  role: 'data-scientist',
  level: 'IC3',
  zone: 'US-B',
  currency: 'USD',
  basis: 'derived',
  percentiles: { p10: 95_400, p25: 103_500, p50: 117_000, p75: 144_000, p90: 160_200 },
  min: 103_500,
  mid: 117_000,
  max: 144_000,
  openEnded: false,
  spread: 0.3913,
  components: { bonus: null, equity: null },
  sample: { n: 13, companies: null, sources: ['ai-jobs'] },
  confidence: { level: 'low', n: 13, medianAgeMonths: 0, dispersion: 0.35, reasons: ['n = 13'] },
  derivedFrom: { scope: 'country', key: 'data-scientist|IC3|US', scale: 0.9 },
  provenance: {
    policyVersion: 2,
    effectiveDate: '2025-01-01',
    window: { from: '2023-01-01', to: '2025-01-01' },
    aging: { annualRate: 0.03, medianMonths: 0 },
    employmentTypes: ['FT'],
    sources: [{ source: 'ai-jobs', kind: 'records', n: 13, weight: 1 }],
    structure: null,
    selection: {
      order: ['own-records', 'country-pool', 'survey', 'global-pool'],
      rule: 'country-pool',
      passedOver: [{ rule: 'own-records', reason: 'too-few-records' }],
      credibility: null,
    },
  },
  flags: [],
  review: {
    n: 3,
    companies: null,
    largestCompanyShare: null,
    suppressionReasons: ['too-few-observations'],
    percentiles: { p10: 96_300, p25: 99_000, p50: 103_500, p75: 108_000, p90: 110_700 },
    candidates: [],
  },
  ...changes,
});

const published = (from: CellDraft) => publishedFrom(from, 4);

describe('publicPart', () => {
  it('drops the analyst review and the flags and leaves the draft alone', () => {
    const original = draft();
    const band = publicPart(original);
    expect(band).not.toHaveProperty('review');
    expect(JSON.stringify(band)).not.toContain('99000');
    expect(original.review.n).toBe(3);
    expect(band).toEqual({ ...original, review: undefined, flags: undefined });
  });
});

/** Keys shorter first, then bytewise, as Postgres stores a jsonb object and hands it back. */
function asJsonb(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonb);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return Object.fromEntries(keys.map((k) => [k, asJsonb((value as Record<string, unknown>)[k])]));
}

describe('sameBand', () => {
  it('ignores the review and the publication metadata', () => {
    const base = draft();
    const otherReview = draft({ review: { ...base.review, n: 4, percentiles: null } });
    expect(sameBand(publicPart(otherReview), publicPart(base))).toBe(true);
    expect(sameBand(published(base), publicPart(base))).toBe(true);
  });

  it('ignores key order, since a stored version comes back from jsonb reordered', () => {
    const stored = asJsonb(JSON.parse(JSON.stringify(published(draft())))) as PublishedBand;
    expect(Object.keys(stored.sample)).toEqual(['n', 'sources', 'companies']);
    expect(sameBand(stored, publicPart(draft()))).toBe(true);
    expect(sameBand(stored, publicPart(draft({ mid: 117_001 })))).toBe(false);
  });

  it('ignores confidence reasons but not the confidence level', () => {
    const base = draft();
    const reworded = draft({ confidence: { ...base.confidence!, reasons: [] } });
    const stronger = draft({ confidence: { ...base.confidence!, level: 'medium' } });
    expect(sameBand(reworded, base)).toBe(true);
    expect(sameBand(stronger, base)).toBe(false);
  });

  it.each<[string, Partial<CellDraft>]>([
    ['an edge', { max: 144_001 }],
    ['a percentile', { percentiles: { ...draft().percentiles, p10: 95_000 } }],
    ['the basis', { basis: 'market', derivedFrom: null }],
    ['the derivation', { derivedFrom: { scope: 'global', key: 'data-scientist|IC3|*' } }],
    ['the sample', { sample: { n: 14, companies: null, sources: ['ai-jobs'] } }],
    ['open-endedness', { openEnded: true }],
    ['a component', { components: { bonus: draft().percentiles, equity: null } }],
    ['the policy version', { provenance: { ...draft().provenance, policyVersion: 3 } }],
  ])('tells bands apart by %s', (_label, changes) => {
    expect(sameBand(draft(changes), draft())).toBe(false);
  });
});

describe('bandEvent', () => {
  it('is §4.3’s comp.band.v1 with the confidence level and the derivation’s scope and key', () => {
    const event = bandEvent(published(draft()));
    expect(event).toEqual({
      schema: 'comp.band.v1',
      role: 'data-scientist',
      level: 'IC3',
      zone: 'US-B',
      version: 4,
      effectiveFrom: '2025-01-01',
      currency: 'USD',
      percentiles: { p10: 95_400, p25: 103_500, p50: 117_000, p75: 144_000, p90: 160_200 },
      min: 103_500,
      mid: 117_000,
      max: 144_000,
      openEnded: false,
      spread: 0.3913,
      sample: { n: 13, companies: null, sources: ['ai-jobs'] },
      confidence: 'low',
      derivedFrom: { scope: 'country', key: 'data-scientist|IC3|US' },
      policyVersion: 2,
      publishedAt: '2025-01-02T09:00:00.000Z',
      publishedBy: 'analyst@example.com',
      basis: 'derived',
      provenance: draft().provenance,
    });
  });

  it('carries null confidence and derivation for a suppressed band', () => {
    const event = bandEvent(
      published(draft({ basis: 'suppressed', confidence: null, derivedFrom: null })),
    );
    expect(event.confidence).toBeNull();
    expect(event.derivedFrom).toBeNull();
  });
});
