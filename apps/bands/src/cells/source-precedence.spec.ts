import { PERCENTILE_KEYS, percentileSet, roundMoney } from '@rangefinder/comp-math';
import type { SurveyFigures } from './survey-figures';
import {
  cell,
  draftsFor,
  inCents,
  inZone,
  observation,
  policyWith,
  seeded,
  TENS,
  USD_PER_GBP,
  useSeedCatalogue,
} from './group-drafts.fixture';

useSeedCatalogue();

const survey: SurveyFigures = {
  source: 'bls-oews',
  country: 'US',
  currency: 'USD',
  referenceDate: '2024-01-01',
  weight: 2,
  n: 400,
  percentiles: { p10: 80_000, p25: 95_000, p50: 120_000, p75: 150_000, p90: 180_000 },
};
// A year of 3 % aging, moved from the US catch-all (0.90) to US-A (1.00).
const toUsA = 1.03 / 0.9;

describe('computeGroupDrafts: fallback to wider geographies', () => {
  it('derives a small zone from its country pool, scaled by the zone differential', () => {
    // US-A's 100k…190k are the pool in anchor terms (differential 1.00): P25/P50/P75
    // 122.5k/145k/167.5k. US-B's own 3 records are left out of it (complementary suppression).
    const drafts = draftsFor([
      ...inZone('US-A', TENS),
      ...inZone('US-B', [94_500, 103_500, 112_500]),
    ]);
    const usB = cell(drafts, 'US-B');
    expect(usB.basis).toBe('derived');
    expect(usB.derivedFrom).toEqual({ scope: 'country', key: 'data-scientist|IC3|US', scale: 0.9 });
    expect(usB.percentiles).toEqual({
      p10: 98_100,
      p25: 110_250,
      p50: 130_500,
      p75: 150_750,
      p90: 162_900,
    });
    expect([usB.min, usB.mid, usB.max]).toEqual([110_250, 130_500, 150_750]);
    expect(usB.sample).toEqual({ n: 10, companies: null, sources: ['test'] });
    expect(usB.provenance.selection).toEqual({
      order: ['own-records', 'country-pool', 'survey', 'global-pool'],
      rule: 'country-pool',
      passedOver: [{ rule: 'own-records', reason: 'too-few-records' }],
      credibility: null,
    });
    expect(usB.review).toMatchObject({ n: 3, suppressionReasons: ['too-few-observations'] });
    expect(usB.review.percentiles).toEqual(inCents(percentileSet([94_500, 103_500, 112_500])));
    expect(usB.review.candidates).toEqual([
      { rule: 'own-records', n: 3, reasons: ['too-few-observations'] },
      { rule: 'country-pool', n: 10, reasons: [] },
      { rule: 'global-pool', n: 10, reasons: [] },
    ]);

    const usC = cell(drafts, 'US-C');
    expect(usC.derivedFrom?.scale).toBe(0.8);
    expect(usC.mid).toBe(116_000);
    expect(cell(drafts, 'US-A').basis).toBe('market');
  });

  it('uses suppressed zones’ records in the pool only where they pass the rules together', () => {
    // US-B's 94.5k, 103.5k, 112.5k and US-C's 84k, 92k, 100k are 105k…125k in anchor terms: six
    // records aside pass the rules together, so the pool holds all 16 and its n tells nothing
    // about one zone.
    const drafts = draftsFor([
      ...inZone('US-A', TENS),
      ...inZone('US-B', [94_500, 103_500, 112_500]),
      ...inZone('US-C', [84_000, 92_000, 100_000]),
    ]);
    const anchor = percentileSet([...TENS, 105_000, 115_000, 125_000, 105_000, 115_000, 125_000]);
    const usB = cell(drafts, 'US-B');
    expect(usB.sample.n).toBe(16);
    expect(usB.percentiles.p50).toBe(roundMoney(anchor.p50 * 0.9));
    expect(cell(drafts, 'US').mid).toBe(roundMoney(anchor.p50 * 0.9));
  });

  it('never gives a derived band high confidence', () => {
    const many = Array.from({ length: 30 }, (_, i) => 100_000 + i * 1_000);
    const drafts = draftsFor([...inZone('US-A', many), ...inZone('US-B', [95_000, 96_000])]);
    expect(cell(drafts, 'US-A').confidence?.level).toBe('high');
    for (const zone of ['US-B', 'US-C', 'US']) {
      const d = cell(drafts, zone);
      expect(d.basis).toBe('derived');
      expect(d.confidence).toMatchObject({ level: 'medium', n: 30 });
    }
  });

  it('falls back to the global pool, in USD converted to the zone currency, when the country is suppressed', () => {
    // US-A's 100k…190k are the global pool at differential 1 (GB's 3 records are left out, as
    // they would be read off as its n minus US-A's): P25/P50/P75 122.5k/145k/167.5k.
    const gb = [40_000, 45_000, 50_000].map((base) =>
      observation('GB', base, { baseUsd: base * 1.25 }),
    );
    const drafts = draftsFor([...inZone('US-A', TENS), ...gb]);
    // The global pool gives every zone of the catalogue a band.
    expect(drafts).toHaveLength(seeded().zones.length);

    const gbCell = cell(drafts, 'GB');
    expect(gbCell.basis).toBe('derived');
    expect(gbCell.currency).toBe('GBP');
    expect(gbCell.derivedFrom).toEqual({
      scope: 'global',
      key: 'data-scientist|IC3|*',
      scale: 0.5,
    });
    expect(gbCell.provenance.selection.passedOver).toEqual([
      { rule: 'own-records', reason: 'too-few-records' },
      { rule: 'country-pool', reason: 'too-few-records' },
      { rule: 'survey', reason: 'no-survey' },
    ]);
    expect(gbCell.percentiles.p50).toBe(roundMoney((145_000 * 0.5) / USD_PER_GBP));
    expect(gbCell.min).toBe(roundMoney((122_500 * 0.5) / USD_PER_GBP));
    expect(gbCell.max).toBe(roundMoney((167_500 * 0.5) / USD_PER_GBP));
    expect(gbCell.confidence?.level).toBe('low');
    expect(gbCell.sample.n).toBe(10);

    const london = cell(drafts, 'GB-London');
    expect(london.derivedFrom).toMatchObject({ scope: 'global', scale: 0.6 });
    expect(london.mid).toBe(roundMoney((145_000 * 0.6) / USD_PER_GBP));
    expect(cell(drafts, 'US-B').derivedFrom?.scope).toBe('country');
    // A zone of a country without any record answers as GB does.
    const de = cell(drafts, 'DE');
    expect(de.basis).toBe('derived');
    expect(de.provenance.selection).toEqual(gbCell.provenance.selection);
    expect(de.sample).toEqual(gbCell.sample);
  });
});

describe('computeGroupDrafts: source precedence as policy', () => {
  it('derives from the country pool before using a survey alone', () => {
    const usB = cell(draftsFor(inZone('US-A', TENS), { surveys: [survey] }), 'US-B');
    expect(usB.basis).toBe('derived');
    expect(usB.provenance.selection.rule).toBe('country-pool');
    expect(usB.provenance.selection.credibility).toMatchObject({ k: 30, n: 10, z: 0.25 });
    expect(usB.sample.sources).toEqual(['test', 'bls-oews']);
  });

  it('follows the policy’s order: a survey alone before the country pool', () => {
    const policy = policyWith((body) => {
      body.precedence = ['own-records', 'survey', 'country-pool', 'global-pool'];
    });
    const usB = cell(draftsFor(inZone('US-A', TENS), { surveys: [survey], policy }), 'US-B');
    expect(usB.basis).toBe('survey');
    expect(usB.percentiles.p50).toBe(123_600);
    expect(usB.sample).toEqual({ n: 0, companies: null, sources: ['bls-oews'] });
    expect(usB.confidence?.level).toBe('medium');
    expect(usB.confidence?.reasons).toContain('survey occupation mapped to one level');
  });

  it('never uses a rule the policy leaves out', () => {
    const policy = policyWith((body) => {
      body.precedence = ['own-records'];
    });
    const usB = cell(draftsFor(inZone('US-A', TENS), { policy }), 'US-B');
    expect(usB.basis).toBe('suppressed');
    expect(usB.provenance.selection).toMatchObject({
      rule: null,
      passedOver: [{ rule: 'own-records', reason: 'too-few-records' }],
    });
  });

  it('uses the survey alone where every pool is suppressed, and keeps the records out', () => {
    const own = [101_000, 117_000, 163_000];
    const usA = cell(draftsFor(inZone('US-A', own), { surveys: [survey] }), 'US-A');
    expect(usA.basis).toBe('survey');
    for (const k of PERCENTILE_KEYS) {
      expect(usA.percentiles[k]).toBeCloseTo(survey.percentiles[k]! * toUsA, 1);
    }
    expect(usA.sample).toEqual({ n: 0, companies: null, sources: ['bls-oews'] });
    expect(usA.provenance.sources.map((s) => s.kind)).toEqual(['survey']);
    expect(usA.provenance.selection.passedOver.map((p) => p.reason)).toEqual([
      'too-few-records',
      'too-few-records',
    ]);
    // The suppressed records' age is theirs too: the provenance shows the survey's.
    expect(usA.provenance.aging.medianMonths).toBe(usA.confidence?.medianAgeMonths);
    expect(usA.review.n).toBe(3);
  });

  it('moves a survey to the zone currency, scaled from the catch-all differential', () => {
    const inDollars: SurveyFigures = { ...survey, country: 'GB', currency: 'USD' };
    const drafts = draftsFor([], { surveys: [inDollars] });
    expect(drafts.map((d) => d.zone).sort()).toEqual(['GB', 'GB-London']);
    expect(cell(drafts, 'GB').percentiles.p50).toBeCloseTo((120_000 * 1.03) / USD_PER_GBP, 1);
    expect(cell(drafts, 'GB-London').percentiles.p50).toBeCloseTo(
      (((120_000 * 1.03) / USD_PER_GBP) * 0.6) / 0.5,
      1,
    );
  });
});

describe('computeGroupDrafts: blending by credibility', () => {
  const records = percentileSet(TENS);

  it('blends each point as Z·P_records + (1 − Z)·P_survey with Z = n / (n + K)', () => {
    const usA = cell(draftsFor(inZone('US-A', TENS), { surveys: [survey] }), 'US-A');
    expect(usA.basis).toBe('blended');
    for (const k of PERCENTILE_KEYS) {
      expect(usA.percentiles[k]).toBeCloseTo(
        0.25 * records[k] + 0.75 * survey.percentiles[k]! * toUsA,
        1,
      );
    }
    expect(usA.sample).toEqual({ n: 10, companies: null, sources: ['test', 'bls-oews'] });
    expect(usA.provenance.selection.credibility).toEqual({
      formula: 'Z = n / (n + K); P = Z·P_records + (1 − Z)·P_survey',
      k: 30,
      n: 10,
      z: 0.25,
    });
  });

  it('weighs records more the more there are', () => {
    const mid = (n: number) => {
      const bases = Array.from({ length: n }, (_, i) => TENS[i % 10]);
      return cell(draftsFor(inZone('US-A', bases), { surveys: [survey] }), 'US-A').mid!;
    };
    const [surveyMid, recordsMid] = [120_000 * toUsA, records.p50];
    const distance = (n: number) =>
      Math.abs(mid(n) - recordsMid) / Math.abs(surveyMid - recordsMid);
    expect(distance(10)).toBeCloseTo(0.75, 2);
    expect(distance(100)).toBeCloseTo(30 / 130, 2);
    expect(distance(1000)).toBeCloseTo(30 / 1030, 2);
  });

  it('blends nothing when K is 0', () => {
    const policy = policyWith((body) => {
      body.credibility = { k: 0 };
    });
    const usA = cell(draftsFor(inZone('US-A', TENS), { surveys: [survey], policy }), 'US-A');
    expect(usA.basis).toBe('market');
    expect(usA.percentiles).toEqual(inCents(records));
    expect(usA.provenance.selection.credibility).toBeNull();
  });

  it('estimates a point one source lacks from the other’s shape, keeping the points in order', () => {
    // Six records publish no P10/P90: theirs are P25 · S10/S25 and P75 · S90/S75.
    const six = TENS.slice(0, 6);
    const own = percentileSet(six);
    const z = 6 / 36;
    const usA = cell(draftsFor(inZone('US-A', six), { surveys: [survey] }), 'US-A');
    const s = (k: 'p10' | 'p25' | 'p75' | 'p90') => survey.percentiles[k]! * toUsA;
    expect(usA.percentiles.p10).toBeCloseTo(z * own.p25 * (80 / 95) + (1 - z) * s('p10'), 1);
    expect(usA.percentiles.p90).toBeCloseTo(z * own.p75 * (180 / 150) + (1 - z) * s('p90'), 1);
    const points = PERCENTILE_KEYS.map((k) => usA.percentiles[k]!);
    expect(points).toEqual([...points].sort((a, b) => a - b));

    // A top-coded survey P90: the survey's is S75 · R90/R75.
    const noP90 = { ...survey, percentiles: { ...survey.percentiles, p90: null } };
    const full = cell(draftsFor(inZone('US-A', TENS), { surveys: [noP90] }), 'US-A');
    expect(full.percentiles.p90).toBeCloseTo(
      0.25 * records.p90 + 0.75 * s('p75') * (records.p90 / records.p75),
      1,
    );
  });
});

describe('computeGroupDrafts: zone order', () => {
  it('flags a zone whose midpoint is below a zone with a lower differential, on both', () => {
    // US-A (1.00) at 100k…190k under the US catch-all (0.90) at 300k…390k.
    const high = TENS.map((b) => b + 200_000);
    const drafts = draftsFor([...inZone('US-A', TENS), ...inZone('US', high)]);
    const usA = cell(drafts, 'US-A');
    expect(usA.flags).toContainEqual({
      kind: 'zone-order',
      against: 'data-scientist|IC3|US',
      message:
        'mid $145,000.00 below zone US (differential 0.9) (mid $345,000.00), which ranks lower',
    });
    expect(cell(drafts, 'US').flags.map((f) => f.against)).toContain('data-scientist|IC3|US-A');
  });

  it('flags nothing where zones follow their differentials', () => {
    const drafts = draftsFor(inZone('US-A', TENS), { surveys: [survey] });
    expect(drafts.flatMap((d) => d.flags)).toEqual([]);
  });
});
