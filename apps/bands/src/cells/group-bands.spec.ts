import {
  ageToDate,
  percentileSet,
  roundMoney,
  weightedPercentileSet,
} from '@rangefinder/comp-math';
import type { CellObservation } from './cell-observation';
import {
  cell,
  draftsFor,
  EFFECTIVE,
  expectNothingPublished,
  inCents,
  inZone,
  NOTHING,
  observation,
  policyWith,
  publicFigures,
  TENS,
  US_ZONES,
  useSeedCatalogue,
  withoutTails,
} from './group-drafts.fixture';

useSeedCatalogue();

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
    // The 4 are left out of the pool: with them its n would be 14, and 14 − US-B's 10 = 4.
    expect(usA.sample.n).toBe(10);
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
