import fc from 'fast-check';
import {
  ageToDate,
  currencyDecimals,
  PERCENTILE_KEYS,
  percentileSet,
  roundMoney,
  weightedPercentileSet,
  zoneStructureRange,
  type PercentileSet,
} from '@rangefinder/comp-math';
import type { BandPercentiles } from '@rangefinder/contracts';
import { Catalogue } from '@rangefinder/catalogue';
import { seedCatalogue } from '@rangefinder/catalogue/testing';
import { defaultPolicyBody, type BandPolicyBody, type StoredPolicy } from './band-policy';
import type { CellDraft } from './cell-draft';
import type { CellObservation } from './cell-observation';
import { computeGroupDrafts } from './group-bands';
import type { StructureRange } from './structure-range';
import type { SurveyFigures } from './survey-figures';

const EFFECTIVE = '2025-01-01';
// The ECB rate in force on EFFECTIVE (a holiday: 2024-12-31's), US dollars per pound.
const USD_PER_GBP = 1.25292457609;
const US_ZONES = ['US-A', 'US-B', 'US-C', 'US'];
const TENS = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190].map((k) => k * 1000);

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = new Catalogue(await seedCatalogue());
});

let nextId = 0;
/** An observation in `zone` (its country and currency), dated on the effective date unless told. */
function observation(
  zone: string,
  base: number,
  fields: Partial<CellObservation> = {},
): CellObservation {
  const payZone = catalogue.zone(zone);
  nextId += 1;
  return {
    key: `test:${nextId}`,
    revision: '1',
    source: 'test',
    observedAt: EFFECTIVE,
    role: 'data-scientist',
    level: 'IC3',
    zone,
    country: payZone?.country ?? 'XX',
    employmentType: 'FT',
    currency: payZone?.currency ?? 'USD',
    base,
    bonus: null,
    equity: null,
    baseUsd: base,
    companyId: null,
    weight: 1,
    ...fields,
  };
}

const inZone = (zone: string, bases: number[], fields: Partial<CellObservation> = {}) =>
  bases.map((base) => observation(zone, base, fields));

function policyWith(change: (body: BandPolicyBody) => void = () => {}): StoredPolicy {
  const body = defaultPolicyBody(EFFECTIVE);
  change(body);
  return { version: 1, body, createdBy: 'analyst@example.com', createdAt: '2024-12-20T10:00:00Z' };
}

interface Options {
  role?: string;
  level?: string;
  policy?: StoredPolicy;
  structure?: StructureRange;
  surveys?: SurveyFigures[];
}

function draftsFor(observations: CellObservation[], options: Options = {}): CellDraft[] {
  const role = catalogue.role(options.role ?? 'data-scientist');
  if (!role) throw new Error(`no role ${options.role}`);
  return computeGroupDrafts({
    role,
    level: options.level ?? 'IC3',
    observations,
    policy: options.policy ?? policyWith(),
    catalogue,
    structure: options.structure,
    surveys: options.surveys,
  });
}

function cell(drafts: CellDraft[], zone: string): CellDraft {
  const found = drafts.find((d) => d.zone === zone);
  if (!found) throw new Error(`no draft for ${zone}; have ${drafts.map((d) => d.zone).join(', ')}`);
  return found;
}

const inCents = (p: PercentileSet): BandPercentiles =>
  Object.fromEntries(PERCENTILE_KEYS.map((k) => [k, roundMoney(p[k])])) as BandPercentiles;

const withoutTails = (p: BandPercentiles): BandPercentiles => ({ ...p, p10: null, p90: null });

const publicFigures = (d: CellDraft) =>
  [...Object.values(d.percentiles), d.min, d.mid, d.max].filter((v): v is number => v !== null);

const NOTHING = { p10: null, p25: null, p50: null, p75: null, p90: null };

function expectNothingPublished(d: CellDraft): void {
  expect(d.basis).toBe('suppressed');
  expect(d.percentiles).toEqual(NOTHING);
  expect([d.min, d.mid, d.max, d.spread, d.confidence, d.derivedFrom]).toEqual([
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  expect(d.sample).toEqual({ n: null, companies: null, sources: [] });
  expect(d.components).toEqual({ bonus: null, equity: null });
  expect(d.provenance.sources).toEqual([]);
  expect(d.provenance.aging.medianMonths).toBeNull();
}

describe('computeGroupDrafts: suppression at the edges', () => {
  it('publishes nothing for a zone of 4 when no wider geography is publishable either', () => {
    const own = [101_000, 117_500, 123_000, 149_999];
    const drafts = draftsFor(inZone('US-A', own));
    expect(drafts.map((d) => d.zone).sort()).toEqual([...US_ZONES].sort());
    for (const d of drafts) expectNothingPublished(d);
    const usA = cell(drafts, 'US-A');
    expect(usA.review).toMatchObject({ n: 4, suppressionReasons: ['too-few-observations'] });
    expect(usA.review.percentiles).toEqual(inCents(percentileSet(own)));
  });

  it('derives a zone of 4 from its country without publishing any figure of its own sample', () => {
    const own = [123_456.78, 131_313.13, 141_414.14, 152_525.25];
    const others = [
      90_000, 96_300, 101_700, 108_000, 113_400, 119_700, 126_000, 131_400, 139_500, 146_700,
    ];
    const usA = cell(draftsFor([...inZone('US-A', own), ...inZone('US-B', others)]), 'US-A');
    expect(usA.basis).toBe('derived');
    expect(usA.derivedFrom?.scope).toBe('country');
    expect(usA.review.n).toBe(4);
    const raw = Object.values(usA.review.percentiles!).filter((v): v is number => v !== null);
    expect(raw).toHaveLength(5);
    const leaked = publicFigures(usA).filter((v) => own.includes(v) || raw.includes(v));
    expect(publicFigures(usA).length).toBeGreaterThan(0);
    expect(leaked).toEqual([]);
    expect(usA.sample.n).toBe(14);
  });

  it('publishes a zone of 5 as market, P25–P75 only', () => {
    const own = [98_000, 104_000, 111_000, 125_000, 139_000];
    const usA = cell(draftsFor(inZone('US-A', own)), 'US-A');
    expect(usA.basis).toBe('market');
    expect(usA.percentiles).toEqual(withoutTails(inCents(percentileSet(own))));
    expect([usA.min, usA.mid, usA.max]).toEqual([104_000, 111_000, 125_000]);
    expect(usA.spread).toBeCloseTo(21_000 / 104_000, 12);
    expect(usA.sample).toEqual({ n: 5, companies: null, sources: ['test'] });
    expect(usA.review.suppressionReasons).toEqual(['too-few-observations-for-tails']);
  });

  it('needs 10 observations for P10 and P90', () => {
    const nine = cell(draftsFor(inZone('US-A', TENS.slice(0, 9))), 'US-A');
    expect(nine.basis).toBe('market');
    expect(nine.percentiles).toEqual(withoutTails(inCents(percentileSet(TENS.slice(0, 9)))));
    expect(nine.percentiles.p25).not.toBeNull();

    const ten = cell(draftsFor(inZone('US-A', TENS)), 'US-A');
    expect(ten.percentiles).toEqual({
      p10: 109_000,
      p25: 122_500,
      p50: 145_000,
      p75: 167_500,
      p90: 181_000,
    });
    expect(ten.review.suppressionReasons).toEqual([]);
  });

  it('gives an executive cell of 9 no band, since its max is P90, and one of 10 an open-ended band', () => {
    const exec = { role: 'vp-engineering', level: 'E1' };
    const nine = cell(draftsFor(inZone('US-A', TENS.slice(0, 9)), exec), 'US-A');
    expect(nine.basis).not.toBe('market');
    expect([nine.min, nine.mid, nine.max]).toEqual([null, null, null]);
    expect(nine.percentiles).toEqual(NOTHING);

    const ten = cell(draftsFor(inZone('US-A', TENS), exec), 'US-A');
    expect(ten.basis).toBe('market');
    expect([ten.min, ten.mid, ten.max, ten.openEnded]).toEqual([122_500, 145_000, 181_000, true]);
  });
});

describe('computeGroupDrafts: company rules', () => {
  const byCompanies = (ids: string[]) =>
    ids.map((companyId, i) => observation('US-A', 100_000 + i * 5_000, { companyId }));

  it('suppresses 8 observations from 4 companies', () => {
    const usA = cell(draftsFor(byCompanies(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'])), 'US-A');
    expectNothingPublished(usA);
    expect(usA.review).toMatchObject({
      n: 8,
      companies: 4,
      suppressionReasons: ['too-few-companies'],
    });
  });

  it('suppresses a cell where one company holds over 25 % of the weight', () => {
    const ids = ['a', 'a', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const usA = cell(draftsFor(byCompanies(ids)), 'US-A');
    expectNothingPublished(usA);
    expect(usA.review.suppressionReasons).toEqual(['dominant-company']);
    expect(usA.review.largestCompanyShare).toBeCloseTo(0.3, 12);
  });

  it('allows exactly 25 %', () => {
    const usA = cell(draftsFor(byCompanies(['a', 'a', 'b', 'c', 'd', 'e', 'f', 'g'])), 'US-A');
    expect(usA.basis).toBe('market');
    expect(usA.sample.companies).toBe(7);
    expect(usA.review.largestCompanyShare).toBe(0.25);
  });

  it('measures dominance by weight, not by head count', () => {
    const sample = byCompanies(['a', 'b', 'c', 'd', 'e', 'f']);
    sample[0].weight = 2; // 1 record in 6, but 2/7 ≈ 29 % of the weight
    const usA = cell(draftsFor(sample), 'US-A');
    expect(usA.basis).toBe('suppressed');
    expect(usA.review.suppressionReasons).toEqual(['dominant-company']);
  });
});

describe('computeGroupDrafts: percentiles and aging', () => {
  const dates = [
    '2023-01-01',
    '2023-03-15',
    '2023-08-31',
    '2024-01-01',
    '2024-02-29',
    '2024-06-30',
    '2024-07-01',
    '2024-11-30',
    '2024-12-31',
    '2025-01-01',
  ];
  const bases = [
    150_000, 98_500, 121_000, 133_333, 87_250, 142_000, 118_800, 109_900, 161_200, 99_999,
  ];
  const dated = () => bases.map((base, i) => observation('US-A', base, { observedAt: dates[i] }));

  it('are comp-math percentiles of the values aged to the effective date', () => {
    const aged = bases.map((base, i) => ageToDate(base, dates[i], EFFECTIVE, 0.03));
    const usA = cell(draftsFor(dated()), 'US-A');
    expect(usA.percentiles).toEqual(inCents(percentileSet(aged)));
    expect(usA.percentiles).not.toEqual(inCents(percentileSet(bases)));
    expect(usA.provenance.aging).toEqual({ annualRate: 0.03, medianMonths: 8 });
  });

  it('age a year-old sample by 3 %', () => {
    const usA = cell(draftsFor(inZone('US-A', TENS, { observedAt: '2024-01-01' })), 'US-A');
    expect(usA.percentiles.p50).toBe(149_350);
    expect(usA.provenance.aging.medianMonths).toBe(12);
  });

  it('are the raw bases, in cents, when the aging rate is 0', () => {
    const policy = policyWith((body) => {
      body.aging.defaultRate = 0;
    });
    const usA = cell(draftsFor(dated(), { policy }), 'US-A');
    expect(usA.percentiles).toEqual(inCents(percentileSet(bases)));
  });

  it('use the job family rate where the policy has one', () => {
    const policy = policyWith((body) => {
      body.aging.byFamily = { 'data-science': 0.1 };
    });
    const yearOld = () => inZone('US-A', TENS, { observedAt: '2024-01-01' });
    const scientist = cell(draftsFor(yearOld(), { policy }), 'US-A');
    expect(scientist.percentiles.p50).toBe(159_500);
    expect(scientist.provenance.aging.annualRate).toBe(0.1);
    const engineer = cell(draftsFor(yearOld(), { policy, role: 'software-engineer' }), 'US-A');
    expect(engineer.percentiles.p50).toBe(149_350);
    expect(engineer.provenance.aging.annualRate).toBe(0.03);
  });

  it('use the weighted form when record weights differ', () => {
    const weights = [1, 2, 1, 0.5, 3, 1, 1, 2, 1, 1];
    const sample = TENS.map((base, i) => observation('US-A', base, { weight: weights[i] }));
    const usA = cell(draftsFor(sample), 'US-A');
    expect(usA.percentiles).toEqual(inCents(weightedPercentileSet(TENS, weights)));
    expect(usA.percentiles).not.toEqual(inCents(percentileSet(TENS)));
  });

  it('give bonus and equity their own percentiles over the records reporting them', () => {
    const bonuses = [10_000, 12_000, 15_000, 9_000, 20_000];
    const sample = TENS.map((base, i) =>
      observation('US-A', base, {
        bonus: bonuses[i] ?? null,
        equity: i < 4 ? 50_000 : null,
      }),
    );
    const usA = cell(draftsFor(sample), 'US-A');
    expect(usA.components.bonus).toEqual(withoutTails(inCents(percentileSet(bonuses))));
    expect(usA.components.equity).toBeNull();
  });
});

describe('computeGroupDrafts: window and employment type', () => {
  const windowSample = () => ({
    kept: [
      observation('US-A', 100_000, { observedAt: '2023-01-01' }),
      observation('US-A', 110_000, { observedAt: '2023-06-01' }),
      observation('US-A', 120_000, { observedAt: '2024-01-01' }),
      observation('US-A', 130_000, { observedAt: '2024-09-01' }),
      observation('US-A', 140_000, { observedAt: '2025-01-01' }),
    ],
    partTime: observation('US-A', 135_000, { observedAt: '2024-06-01', employmentType: 'PT' }),
    ignored: [
      observation('US-A', 900_000, { observedAt: '2022-12-31' }),
      observation('US-A', 900_000, { observedAt: '2025-01-02' }),
      observation('US-A', 900_000, { employmentType: 'CT' }),
      observation('XX-Nowhere', 900_000),
    ],
  });
  const agedValues = (list: CellObservation[]) =>
    list.map((o) => ageToDate(o.base, o.observedAt, EFFECTIVE, 0.03));

  it('uses the 24 months up to the effective date, both ends included, for the policy’s types', () => {
    const { kept, partTime, ignored } = windowSample();
    const usA = cell(draftsFor([...kept, partTime, ...ignored]), 'US-A');
    expect(usA.review.n).toBe(5);
    expect(usA.percentiles).toEqual(withoutTails(inCents(percentileSet(agedValues(kept)))));
    expect(usA.provenance.window).toEqual({ from: '2023-01-01', to: EFFECTIVE });
    expect(usA.provenance.employmentTypes).toEqual(['FT']);
  });

  it('counts part-time records when the policy includes them', () => {
    const { kept, partTime, ignored } = windowSample();
    const policy = policyWith((body) => {
      body.employmentTypes = ['FT', 'PT'];
    });
    const usA = cell(draftsFor([...kept, partTime, ...ignored], { policy }), 'US-A');
    expect(usA.review.n).toBe(6);
    expect(usA.percentiles.p50).toBe(
      roundMoney(percentileSet(agedValues([...kept, partTime])).p50),
    );
  });
});

describe('computeGroupDrafts: fallback to wider geographies', () => {
  it('derives a small zone from its country pool, scaled by the zone differential', () => {
    // US-B's 94.5k, 103.5k, 112.5k are 105k, 115k, 125k in the anchor zone; with US-A's
    // 100k…190k the pool's P25/P50/P75 are 115k/130k/160k.
    const drafts = draftsFor([
      ...inZone('US-A', TENS),
      ...inZone('US-B', [94_500, 103_500, 112_500]),
    ]);
    const usB = cell(drafts, 'US-B');
    expect(usB.basis).toBe('derived');
    expect(usB.derivedFrom).toEqual({ scope: 'country', key: 'data-scientist|IC3|US', scale: 0.9 });
    expect(usB.percentiles).toEqual({
      p10: 95_400,
      p25: 103_500,
      p50: 117_000,
      p75: 144_000,
      p90: 160_200,
    });
    expect([usB.min, usB.mid, usB.max]).toEqual([103_500, 117_000, 144_000]);
    expect(usB.sample).toEqual({ n: 13, companies: null, sources: ['test'] });
    expect(usB.review).toMatchObject({ n: 3, suppressionReasons: ['too-few-observations'] });
    expect(usB.review.percentiles).toEqual(inCents(percentileSet([94_500, 103_500, 112_500])));

    const usC = cell(drafts, 'US-C');
    expect(usC.derivedFrom?.scale).toBe(0.8);
    expect(usC.mid).toBe(104_000);
    expect(cell(drafts, 'US-A').basis).toBe('market');
  });

  it('never gives a derived band high confidence', () => {
    const many = Array.from({ length: 30 }, (_, i) => 100_000 + i * 1_000);
    const drafts = draftsFor([...inZone('US-A', many), ...inZone('US-B', [95_000, 96_000])]);
    expect(cell(drafts, 'US-A').confidence?.level).toBe('high');
    for (const zone of ['US-B', 'US-C', 'US']) {
      const d = cell(drafts, zone);
      expect(d.basis).toBe('derived');
      expect(d.confidence).toMatchObject({ level: 'medium', n: 32 });
    }
  });

  it('falls back to the global pool, in USD converted to the zone currency, when the country is suppressed', () => {
    // GB's £40k, £45k, £50k ($50k, $56.25k, $62.5k) are $100k, $112.5k, $125k at differential 1;
    // with US-A's 100k…190k the global P25/P50/P75 are 112.5k/130k/160k.
    const gb = [40_000, 45_000, 50_000].map((base) =>
      observation('GB', base, { baseUsd: base * 1.25 }),
    );
    const drafts = draftsFor([...inZone('US-A', TENS), ...gb]);
    expect(drafts.map((d) => d.zone).sort()).toEqual(['GB', 'GB-London', ...US_ZONES].sort());

    const gbCell = cell(drafts, 'GB');
    expect(gbCell.basis).toBe('derived');
    expect(gbCell.currency).toBe('GBP');
    expect(gbCell.derivedFrom).toEqual({
      scope: 'global',
      key: 'data-scientist|IC3|*',
      scale: 0.5,
    });
    expect(gbCell.percentiles.p50).toBe(roundMoney((130_000 * 0.5) / USD_PER_GBP));
    expect(gbCell.min).toBe(roundMoney((112_500 * 0.5) / USD_PER_GBP));
    expect(gbCell.max).toBe(roundMoney((160_000 * 0.5) / USD_PER_GBP));
    expect(gbCell.confidence?.level).toBe('low');
    expect(gbCell.sample.n).toBe(13);

    const london = cell(drafts, 'GB-London');
    expect(london.derivedFrom).toMatchObject({ scope: 'global', scale: 0.6 });
    expect(london.mid).toBe(roundMoney((130_000 * 0.6) / USD_PER_GBP));
    expect(cell(drafts, 'US-B').derivedFrom?.scope).toBe('country');
  });
});

describe('computeGroupDrafts: structures', () => {
  const structure: StructureRange = {
    structureId: 7,
    name: 'Data 2025',
    currency: 'USD',
    rounding: 'nearest-1000',
    payCap: null,
    min: 100_000,
    mid: 125_000,
    max: 150_000,
  };

  it('gives every zone the anchor range × differential, rounded and converted', () => {
    const drafts = draftsFor(inZone('US-A', TENS), { structure });
    expect(drafts).toHaveLength(catalogue.zones.length);
    const edges = (zone: string) => {
      const d = cell(drafts, zone);
      return [d.min, d.mid, d.max];
    };
    expect(edges('US-A')).toEqual([100_000, 125_000, 150_000]);
    expect(edges('US-B')).toEqual([90_000, 113_000, 135_000]);
    expect(edges('US-C')).toEqual([80_000, 100_000, 120_000]);
    expect(edges('GB')).toEqual([40_000, 50_000, 60_000]);

    for (const d of drafts) {
      const zone = catalogue.zone(d.zone)!;
      const fx = catalogue.convert(1, 'USD', zone.currency, EFFECTIVE)!.rate;
      const range = zoneStructureRange(
        { min: 100_000 * fx, mid: 125_000 * fx, max: 150_000 * fx },
        zone.differential,
        'nearest-1000',
      );
      const decimals = currencyDecimals(zone.currency);
      expect({ zone: d.zone, basis: d.basis, edges: [d.min, d.mid, d.max] }).toEqual({
        zone: d.zone,
        basis: 'structure',
        edges: [range.min, range.mid, range.max].map((v) => roundMoney(v, decimals)),
      });
      expect(d.derivedFrom).toEqual({ scope: 'structure', key: 'Data 2025#7' });
      expect(d.openEnded).toBe(false);
    }
    expect(cell(drafts, 'US-A').provenance.structure).toEqual({
      id: 7,
      name: 'Data 2025',
      rounding: 'nearest-1000',
      payCap: null,
    });
  });

  it('caps every edge at the pay cap', () => {
    const drafts = draftsFor([], { structure: { ...structure, payCap: 140_000 } });
    const usA = cell(drafts, 'US-A');
    expect([usA.min, usA.mid, usA.max]).toEqual([100_000, 125_000, 140_000]);
    const usB = cell(drafts, 'US-B');
    expect(usB.max).toBe(135_000);
  });

  it('makes an executive structure open-ended', () => {
    const drafts = draftsFor([], { structure, role: 'vp-engineering', level: 'E2' });
    expect(drafts.every((d) => d.basis === 'structure' && d.openEnded)).toBe(true);
  });
});

describe('computeGroupDrafts: surveys', () => {
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
  const records = percentileSet(TENS);

  it('blends each point as (records + W · survey) / (1 + W)', () => {
    const usA = cell(draftsFor(inZone('US-A', TENS), { surveys: [survey] }), 'US-A');
    expect(usA.basis).toBe('blended');
    for (const k of PERCENTILE_KEYS) {
      expect(usA.percentiles[k]).toBeCloseTo(
        (records[k] + 2 * survey.percentiles[k]! * toUsA) / 3,
        1,
      );
    }
    expect(usA.sample).toEqual({ n: 10, companies: null, sources: ['test', 'bls-oews'] });
    expect(usA.provenance.sources).toEqual([
      { source: 'test', kind: 'records', n: 10, weight: 1 },
      { source: 'bls-oews', kind: 'survey', n: 400, weight: 2 },
    ]);
  });

  it('uses the survey alone, scaled to the zone, where there are no records', () => {
    const usB = cell(draftsFor(inZone('US-A', TENS), { surveys: [survey] }), 'US-B');
    expect(usB.basis).toBe('survey');
    expect(usB.percentiles.p50).toBe(123_600);
    expect(usB.sample).toEqual({ n: 0, companies: null, sources: ['bls-oews'] });
    expect(usB.confidence?.level).toBe('medium');
    expect(usB.confidence?.reasons).toContain('survey occupation mapped to one level');
  });

  it('uses the survey alone where the records are suppressed, and keeps them out', () => {
    const own = [101_000, 117_000, 163_000];
    const usA = cell(draftsFor(inZone('US-A', own), { surveys: [survey] }), 'US-A');
    expect(usA.basis).toBe('survey');
    for (const k of PERCENTILE_KEYS) {
      expect(usA.percentiles[k]).toBeCloseTo(survey.percentiles[k]! * toUsA, 1);
    }
    expect(usA.sample).toEqual({ n: 0, companies: null, sources: ['bls-oews'] });
    expect(usA.provenance.sources.map((s) => s.kind)).toEqual(['survey']);
    // The suppressed records' age is theirs too: the provenance shows the survey's.
    expect(usA.provenance.aging.medianMonths).toBe(usA.confidence?.medianAgeMonths);
    expect(usA.review.n).toBe(3);
  });

  it('takes a point missing on one side from the other', () => {
    const six = TENS.slice(0, 6);
    const withTailsFromSurvey = cell(draftsFor(inZone('US-A', six), { surveys: [survey] }), 'US-A');
    expect(withTailsFromSurvey.percentiles.p10).toBeCloseTo(80_000 * toUsA, 1);
    expect(withTailsFromSurvey.percentiles.p50).toBeCloseTo(
      (percentileSet(six).p50 + 2 * 120_000 * toUsA) / 3,
      1,
    );

    const noP90 = { ...survey, percentiles: { ...survey.percentiles, p90: null } };
    const usA = cell(draftsFor(inZone('US-A', TENS), { surveys: [noP90] }), 'US-A');
    expect(usA.percentiles.p90).toBe(181_000);
  });

  it('converts a survey to the zone currency and scales it from the catch-all differential', () => {
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

describe('computeGroupDrafts: properties', () => {
  const ZONES = ['US-A', 'US-B', 'US', 'GB', 'GB-London'];
  const DATES = [
    '2022-06-01',
    '2023-01-01',
    '2023-09-15',
    '2024-05-31',
    '2024-12-31',
    EFFECTIVE,
    '2025-03-01',
  ];
  const record = fc
    .record({
      zone: fc.constantFrom(...ZONES),
      base: fc.integer({ min: 30_000, max: 300_000 }),
      weight: fc.constantFrom(1, 1, 1, 2, 0.5),
      companyId: fc.constantFrom(null, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      observedAt: fc.constantFrom(...DATES),
      employmentType: fc.constantFrom('FT' as const, 'FT' as const, 'PT' as const),
      bonus: fc.option(fc.integer({ min: 0, max: 50_000 })),
    })
    .map(({ zone, base, ...fields }) =>
      observation(zone, base, { ...fields, baseUsd: zone.startsWith('GB') ? base * 1.25 : base }),
    );
  const sample = fc.array(record, { maxLength: 40 });

  it('gives the same drafts whatever order the observations arrive in', () => {
    fc.assert(
      fc.property(
        sample.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
          ),
        ),
        ([list, shuffled]) => {
          expect(draftsFor(shuffled)).toEqual(draftsFor(list));
        },
      ),
    );
  });

  it('never publishes a zone’s suppressed sample on its own basis, and keeps edges ordered', () => {
    fc.assert(
      fc.property(sample, (list) => {
        for (const d of draftsFor(list)) {
          const ownSuppressed = d.review.suppressionReasons.some(
            (r) => r !== 'too-few-observations-for-tails',
          );
          if (ownSuppressed) expect(d.basis).not.toBe('market');
          if (d.basis === 'suppressed') expect(publicFigures(d)).toEqual([]);
          if (d.basis === 'derived') expect(d.confidence?.level).not.toBe('high');
          const points = PERCENTILE_KEYS.map((k) => d.percentiles[k]).filter((v) => v !== null);
          expect(points).toEqual([...points].sort((a, b) => a - b));
          if (d.min !== null) expect(d.min <= d.mid! && d.mid! <= d.max!).toBe(true);
        }
      }),
    );
  });
});
