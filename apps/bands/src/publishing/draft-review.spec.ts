import type { CellDraft } from '../cells/cell-draft';
import { reviewDraft } from './draft-review';
import { publishedFrom } from './published-band.fixture';

const draft = (changes: Partial<CellDraft> = {}): CellDraft => ({
  key: 'data-scientist|IC3|US-A',
  role: 'data-scientist',
  level: 'IC3',
  zone: 'US-A',
  currency: 'USD',
  basis: 'market',
  percentiles: { p10: null, p25: 120_000, p50: 140_000, p75: 160_000, p90: null },
  min: 120_000,
  mid: 140_000,
  max: 160_000,
  openEnded: false,
  spread: 1 / 3,
  components: { bonus: null, equity: null },
  sample: { n: 7, companies: null, sources: ['ai-jobs'] },
  confidence: { level: 'low', n: 7, medianAgeMonths: 6, dispersion: 0.29, reasons: ['n = 7'] },
  derivedFrom: null,
  provenance: {
    policyVersion: 1,
    effectiveDate: '2025-01-01',
    window: { from: '2023-01-01', to: '2025-01-01' },
    aging: { annualRate: 0.03, medianMonths: 6 },
    employmentTypes: ['FT'],
    sources: [{ source: 'ai-jobs', kind: 'records', n: 7, weight: 1 }],
    structure: null,
    selection: {
      order: ['own-records', 'country-pool', 'survey', 'global-pool'],
      rule: 'own-records',
      passedOver: [],
      credibility: null,
    },
  },
  flags: [],
  review: {
    n: 7,
    companies: null,
    largestCompanyShare: null,
    suppressionReasons: ['too-few-observations-for-tails'],
    percentiles: { p10: 101_000, p25: 120_000, p50: 140_000, p75: 160_000, p90: 175_000 },
    candidates: [],
  },
  ...changes,
});

const published = (from: CellDraft, version = 3) => publishedFrom(from, version);

describe('reviewDraft', () => {
  it('calls a draft of a never-published cell new, with no deltas', () => {
    const d = draft();
    const review = reviewDraft(d, undefined);
    expect(review).toEqual({
      change: 'new',
      publishedVersion: null,
      edges: {
        min: { published: null, draft: 120_000, change: null },
        mid: { published: null, draft: 140_000, change: null },
        max: { published: null, draft: 160_000, change: null },
      },
      draft: d,
    });
  });

  it('calls a draft equal to the latest version unchanged, whatever its review says', () => {
    const review = reviewDraft(
      draft({ review: { ...draft().review, n: 8, percentiles: null } }),
      published(draft()),
    );
    expect(review.change).toBe('unchanged');
    expect(review.publishedVersion).toBe(3);
    expect(review.edges.mid).toEqual({ published: 140_000, draft: 140_000, change: 0 });
  });

  it('calls a version read back from jsonb, keys reordered, unchanged', () => {
    const { n, companies, sources } = draft().sample;
    const stored = { ...published(draft()), sample: { n, sources, companies } };
    expect(reviewDraft(draft(), stored).change).toBe('unchanged');
  });

  it('gives each edge’s relative change', () => {
    const review = reviewDraft(draft({ min: 126_000, max: 152_000 }), published(draft()));
    expect(review.change).toBe('changed');
    expect(review.edges.min.change).toBeCloseTo(0.05, 12);
    expect(review.edges.mid.change).toBe(0);
    expect(review.edges.max.change).toBeCloseTo(-0.05, 12);
  });

  it('calls a confidence level or policy version change a change', () => {
    const before = published(draft());
    const medium = draft({ confidence: { ...draft().confidence!, level: 'medium' } });
    expect(reviewDraft(medium, before).change).toBe('changed');
    const repoliced = draft({ provenance: { ...draft().provenance, policyVersion: 2 } });
    expect(reviewDraft(repoliced, before).change).toBe('changed');
  });

  it('has no relative change where a side is missing or the published edge is 0', () => {
    const suppressed = draft({
      basis: 'suppressed',
      percentiles: { p10: null, p25: null, p50: null, p75: null, p90: null },
      min: null,
      mid: null,
      max: null,
      spread: null,
      confidence: null,
    });
    const review = reviewDraft(suppressed, published(draft()));
    expect(review.change).toBe('changed');
    expect(review.edges.min).toEqual({ published: 120_000, draft: null, change: null });

    const fromZero = reviewDraft(draft(), published(draft({ min: 0 })));
    expect(fromZero.edges.min).toEqual({ published: 0, draft: 120_000, change: null });

    const reappearing = reviewDraft(draft(), published(suppressed));
    expect(reappearing.edges.max).toEqual({ published: null, draft: 160_000, change: null });
  });
});
