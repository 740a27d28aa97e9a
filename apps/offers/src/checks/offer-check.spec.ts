import fc from 'fast-check';
import { Catalogue } from '@rangefinder/catalogue';
import { seedCatalogue } from '@rangefinder/catalogue/testing';
import { DEFAULT_VERDICT_POLICY, formatMoneyShort, roundMoney } from '@rangefinder/comp-math';
import {
  BAND_SCHEMA,
  cellKey,
  type BandV1,
  type FieldProblem,
  type OfferVerdictCode,
} from '@rangefinder/contracts';
import { checkOffer, type CheckContext, type OfferCheck } from './offer-check';
import { OfferTermsDto } from './offer-terms.dto';

const TODAY = '2025-06-01';
// ECB reference rates (US dollars per unit) in force on TODAY (a Sunday: Friday 2025-05-30's) and
// a year earlier (2024-05-31's), as deploy/data's ECB history gives them.
const USD_PER_GBP = 1.34795530195;
const USD_PER_GBP_2024 = 1.27124699818;
const USD_PER_EUR = 1.1339;

function publishedBand(
  cell: Pick<BandV1, 'role' | 'level' | 'zone'>,
  fields: Partial<BandV1> = {},
): BandV1 {
  return {
    schema: BAND_SCHEMA,
    ...cell,
    version: 3,
    effectiveFrom: '2025-01-01',
    currency: 'USD',
    percentiles: { p10: null, p25: null, p50: null, p75: null, p90: null },
    min: null,
    mid: null,
    max: null,
    openEnded: false,
    spread: null,
    sample: { n: 40, companies: 12, sources: ['test'] },
    confidence: 'high',
    derivedFrom: null,
    policyVersion: 1,
    publishedAt: '2024-12-20T10:00:00Z',
    publishedBy: 'analyst@example.com',
    ...fields,
  };
}

/** Closed IC band $150k–$200k, mid $175k, every percentile published. */
const IC_BAND = publishedBand(
  { role: 'data-scientist', level: 'IC4', zone: 'US-A' },
  {
    percentiles: { p10: 130_000, p25: 150_000, p50: 175_000, p75: 200_000, p90: 230_000 },
    min: 150_000,
    mid: 175_000,
    max: 200_000,
    spread: 1 / 3,
  },
);
/** Open-ended executive band $250k–$400k+ (max = P90). */
const EXEC_BAND = publishedBand(
  { role: 'vp-engineering', level: 'E2', zone: 'US-A' },
  {
    version: 7,
    percentiles: { p10: 200_000, p25: 250_000, p50: 300_000, p75: 350_000, p90: 400_000 },
    min: 250_000,
    mid: 300_000,
    max: 400_000,
    openEnded: true,
    spread: 0.6,
  },
);
/** Fewer than 10 observations: P10 and P90 are suppressed, the band itself is published. */
const NO_TAILS_BAND = publishedBand(
  { role: 'data-scientist', level: 'IC3', zone: 'US-A' },
  {
    percentiles: { p10: null, p25: 120_000, p50: 140_000, p75: 160_000, p90: null },
    min: 120_000,
    mid: 140_000,
    max: 160_000,
    spread: 1 / 3,
    sample: { n: 7, companies: 6, sources: ['test'] },
    confidence: 'low',
  },
);
/** A withdrawal: a published version without figures (its cell's figures are suppressed now). */
const WITHDRAWN_BAND = publishedBand(
  { role: 'data-scientist', level: 'IC2', zone: 'US-A' },
  { sample: { n: null, companies: null, sources: ['test'] }, confidence: null },
);
const LONDON_BAND = publishedBand(
  { role: 'data-scientist', level: 'IC4', zone: 'GB-London' },
  {
    currency: 'GBP',
    percentiles: { p10: 80_000, p25: 90_000, p50: 105_000, p75: 120_000, p90: 135_000 },
    min: 90_000,
    mid: 105_000,
    max: 120_000,
    spread: 1 / 3,
  },
);
const DERIVED_BAND = publishedBand(
  { role: 'data-scientist', level: 'IC4', zone: 'US-B' },
  {
    percentiles: { p10: 117_000, p25: 135_000, p50: 157_500, p75: 180_000, p90: 207_000 },
    min: 135_000,
    mid: 157_500,
    max: 180_000,
    confidence: 'low',
    derivedFrom: { scope: 'country', key: 'data-scientist|IC4|US' },
  },
);
/** A comp team's structure: min/mid/max only, no market percentiles. */
const STRUCTURE_BAND = publishedBand(
  { role: 'engineering-manager', level: 'M3', zone: 'US-A' },
  {
    min: 180_000,
    mid: 200_000,
    max: 220_000,
    confidence: 'medium',
    derivedFrom: { scope: 'structure', key: 'grade-7' },
  },
);

const BANDS = new Map(
  [
    IC_BAND,
    EXEC_BAND,
    NO_TAILS_BAND,
    WITHDRAWN_BAND,
    LONDON_BAND,
    DERIVED_BAND,
    STRUCTURE_BAND,
  ].map((b) => [cellKey(b), b]),
);

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = new Catalogue(await seedCatalogue());
});

let asked: string[] = [];
beforeEach(() => {
  asked = [];
});

const POLICY = { version: 4, body: DEFAULT_VERDICT_POLICY };

function contextOn(today = TODAY, policy: CheckContext['policy'] = POLICY): CheckContext {
  return {
    catalogue,
    band: (cell) => {
      asked.push(cell);
      return BANDS.get(cell);
    },
    policy,
    today,
  };
}

function terms(fields: Partial<OfferTermsDto> = {}): OfferTermsDto {
  return Object.assign(new OfferTermsDto(), {
    role: 'data-scientist',
    level: 'IC4',
    location: 'US-A',
    currency: 'USD',
    base: 175_000,
    ...fields,
  });
}

function check(fields: Partial<OfferTermsDto> = {}, today = TODAY): OfferCheck {
  const result = checkOffer(terms(fields), contextOn(today));
  if (Array.isArray(result)) throw new Error(`expected a check, got ${JSON.stringify(result)}`);
  return result;
}

function problems(fields: Partial<OfferTermsDto>, today = TODAY): FieldProblem[] {
  const result = checkOffer(terms(fields), contextOn(today));
  if (!Array.isArray(result)) throw new Error(`expected problems, got verdict ${result.verdict}`);
  return result;
}

const exec = (base: number) => ({ role: 'vp-engineering', level: 'E2', base });
const ORDER: OfferVerdictCode[] = ['BELOW_BAND', 'WITHIN_BAND', 'ABOVE_BAND', 'FAR_ABOVE_BAND'];
const MONEY_FIGURE = /[$£€][\d.,]+[kM]?/g;
const APPROVERS: Record<string, string> = {
  'comp-lead': 'a comp lead',
  finance: 'finance',
  'comp-analyst': 'a comp analyst',
};

function expectPlainSentences(reasons: string[]): void {
  expect(reasons.length).toBeGreaterThan(0);
  for (const reason of reasons) {
    expect(reason).toMatch(/^[A-Z].*\.$/);
    expect(reason).not.toMatch(/undefined|null|NaN|Infinity|\[object/);
  }
}

describe('checkOffer against a published band (§3)', () => {
  it.each([
    ['exactly the min', 150_000, 'WITHIN_BAND', []],
    ['the mid', 175_000, 'WITHIN_BAND', []],
    ['exactly the max', 200_000, 'WITHIN_BAND', []],
    ['one cent below the min', 149_999.99, 'BELOW_BAND', ['comp-lead']],
    ['one cent above the max', 200_000.01, 'ABOVE_BAND', ['comp-lead']],
    ['exactly 10 % above the max', 220_000, 'ABOVE_BAND', ['comp-lead']],
    ['one cent beyond 10 % above the max', 220_000.01, 'FAR_ABOVE_BAND', ['comp-lead', 'finance']],
    ['far above the max', 1_000_000, 'FAR_ABOVE_BAND', ['comp-lead', 'finance']],
  ])('judges %s (%d) of the closed IC band as %s', (_edge, base, verdict, approvals) => {
    const result = check({ base });
    expect(result).toMatchObject({
      verdict,
      requiredApprovals: approvals,
      autoApproved: approvals.length === 0,
    });
    expect(result.band).toMatchObject({ version: 3, min: 150_000, mid: 175_000, max: 200_000 });
  });

  it.each([
    ['exactly the min', 250_000, 'WITHIN_BAND', []],
    ['exactly the max', 400_000, 'WITHIN_BAND', []],
    ['one cent below the min', 249_999.99, 'BELOW_BAND', ['comp-lead']],
    ['one cent beyond 10 % above the max', 440_000.01, 'ABOVE_BAND', ['comp-lead']],
    ['ten times the max', 4_000_000, 'ABOVE_BAND', ['comp-lead']],
  ])('judges %s (%d) of the open-ended executive band as %s', (_edge, base, verdict, approvals) => {
    expect(check(exec(base))).toMatchObject({
      verdict,
      requiredApprovals: approvals,
      autoApproved: approvals.length === 0,
      band: { openEnded: true, range: '$250k–$400k+' },
    });
  });

  it('records the verdict policy version and follows the policy thresholds', () => {
    expect(check({ base: 230_000 })).toMatchObject({ verdict: 'FAR_ABOVE_BAND', policyVersion: 4 });
    const lenient = {
      version: 5,
      body: { ...DEFAULT_VERDICT_POLICY, farAboveMaxRatio: 0.2 },
    };
    const result = checkOffer(terms({ base: 230_000 }), contextOn(TODAY, lenient));
    expect(result).toMatchObject({
      verdict: 'ABOVE_BAND',
      policyVersion: 5,
      requiredApprovals: ['comp-lead'],
    });
  });

  it('asks for the band of the resolved cell', () => {
    check({ location: 'US-CA-San Francisco' });
    expect(asked).toEqual(['data-scientist|IC4|US-A']);
  });

  it('carries the band version and its range, open-ended ones with "+"', () => {
    expect(check().band).toEqual({
      role: 'data-scientist',
      level: 'IC4',
      zone: 'US-A',
      version: 3,
      effectiveFrom: '2025-01-01',
      currency: 'USD',
      percentiles: IC_BAND.percentiles,
      min: 150_000,
      mid: 175_000,
      max: 200_000,
      openEnded: false,
      confidence: 'high',
      derivedFrom: null,
      range: '$150k–$200k',
    });
    expect(check(exec(300_000)).band).toMatchObject({ version: 7, range: '$250k–$400k+' });
  });
});

describe('checkOffer without a publishable band', () => {
  it.each([
    ['no band at all', 'IC5'],
    ['a withdrawn band', 'IC2'],
  ])('answers NO_BAND for %s, needing a comp analyst', (_case, level) => {
    const result = check({ level, base: 150_000 });
    expect(result).toMatchObject({
      verdict: 'NO_BAND',
      policyVersion: 4,
      autoApproved: false,
      requiredApprovals: ['comp-analyst'],
      band: null,
      compaRatio: null,
      rangePenetration: null,
      marketPosition: null,
    });
    expect(result.pay).toMatchObject({ currency: 'USD', base: 150_000 });
    expect(result.reasons).toEqual([
      `There is no published band for Data Scientist ${level} in zone US-A, so the offer needs approval from a comp analyst.`,
    ]);
    expect(result.reasons.join(' ')).not.toMatch(MONEY_FIGURE);
    // No version either: the check of a withdrawn cell says no more than one of a cell without data.
    expect(result.publishedVersion).toBeNull();
  });

  it('prices the offer in the zone currency when there is no band', () => {
    const result = check({
      location: 'GB-London',
      level: 'IC5',
      currency: 'USD',
      base: 134_795.53,
    });
    expect(result.verdict).toBe('NO_BAND');
    expect(result.pay.currency).toBe('GBP');
    expect(result.pay.base).toBeCloseTo(100_000, 2);
  });
});

describe('checkOffer metrics', () => {
  it('gives compa-ratio 1 at the mid and range penetration 0 at min, 1 at max', () => {
    expect(check({ base: 175_000 })).toMatchObject({ compaRatio: 1, rangePenetration: 0.5 });
    expect(check({ base: 150_000 }).rangePenetration).toBe(0);
    expect(check({ base: 200_000 }).rangePenetration).toBe(1);
    expect(check({ base: 150_000 }).compaRatio).toBeCloseTo(150 / 175, 12);
    expect(check({ base: 210_000 }).rangePenetration).toBeCloseTo(1.2, 12);
    expect(check({ base: 140_000 }).rangePenetration).toBeCloseTo(-0.2, 12);
  });

  it.each([
    [100_000, { kind: 'below', percentile: 10 }, '<10'],
    [130_000, { kind: 'at', percentile: 10 }, '10'],
    [162_500, { kind: 'at', percentile: 37.5 }, '38'],
    [175_000, { kind: 'at', percentile: 50 }, '50'],
    [250_000, { kind: 'above', percentile: 90 }, '>90'],
  ])('places base %d in the market at %j, shown as %s', (base, position, display) => {
    const result = check({ base });
    expect(result.marketPosition).toEqual({ ...position, display });
    expect(result.reasons.join(' ')).toContain(`market position P${display}.`);
  });

  it('adds bonus and equity to total cash and total comp', () => {
    expect(check({ base: 180_000, bonus: 20_000, equity: 40_000 }).pay).toEqual({
      currency: 'USD',
      base: 180_000,
      bonus: 20_000,
      equity: 40_000,
      totalCash: 200_000,
      totalComp: 240_000,
      fx: null,
    });
    expect(check({ base: 180_000 }).pay).toMatchObject({
      bonus: 0,
      equity: 0,
      totalCash: 180_000,
      totalComp: 180_000,
    });
  });

  it.each([
    ['month', 12_500, 150_000, 'WITHIN_BAND'],
    ['month', 18_333.34, 220_000.08, 'FAR_ABOVE_BAND'],
    ['hour', 90, 187_200, 'WITHIN_BAND'],
    ['hour', 70, 145_600, 'BELOW_BAND'],
    ['year', 200_000, 200_000, 'WITHIN_BAND'],
  ] as const)('annualizes a base per %s of %d to %d (%s)', (period, base, annual, verdict) => {
    const result = check({ period, base, bonus: 10_000, equity: 5_000 });
    expect(result.verdict).toBe(verdict);
    // Bonus and equity are stated per year already.
    expect(result.pay).toMatchObject({
      base: annual,
      bonus: 10_000,
      equity: 5_000,
      totalCash: roundMoney(annual + 10_000),
      totalComp: roundMoney(annual + 15_000),
    });
  });

  it('judges the base alone, not total cash or total comp', () => {
    expect(check({ base: 199_000, bonus: 50_000, equity: 100_000 }).verdict).toBe('WITHIN_BAND');
  });
});

describe('checkOffer currency', () => {
  it('converts an offer in another currency into the band currency at the rate in force today', () => {
    const result = check({ currency: 'GBP', base: 120_000, bonus: 10_000, equity: 20_000 });
    expect(result.pay.currency).toBe('USD');
    expect(result.pay.fx).toEqual({ from: 'GBP', rate: USD_PER_GBP, asOf: '2025-05-30' });
    expect(result.pay).toMatchObject({
      base: roundMoney(120_000 * USD_PER_GBP),
      bonus: roundMoney(10_000 * USD_PER_GBP),
      equity: roundMoney(20_000 * USD_PER_GBP),
    });
    expect(result.pay.totalComp).toBeCloseTo(150_000 * USD_PER_GBP, 1);
    expect(result.verdict).toBe('WITHIN_BAND');
    expect(result.compaRatio).toBeCloseTo((120_000 * USD_PER_GBP) / 175_000, 6);
    expect(result.reasons[0]).toBe(
      'The offer is in GBP; converted to USD at 1.34796 (rate of 2025-05-30).',
    );
  });

  it('takes the rate dated on the check day', () => {
    const result = check({ currency: 'GBP', base: 120_000 }, '2024-06-01');
    expect(result.pay.fx).toEqual({ from: 'GBP', rate: USD_PER_GBP_2024, asOf: '2024-05-31' });
    expect(result.pay.base).toBe(roundMoney(120_000 * USD_PER_GBP_2024));
    expect(result.verdict).toBe('WITHIN_BAND');
  });

  it('judges the converted base, so a GBP offer can fall below a USD band', () => {
    // 111,279 GBP × 1.34795530195 = 149,999.11 USD: below the $150k min.
    const result = check({ currency: 'GBP', base: 111_279 });
    expect(result.pay.base).toBe(roundMoney(111_279 * USD_PER_GBP));
    expect(result.pay.base).toBeLessThan(150_000);
    expect(result.verdict).toBe('BELOW_BAND');
  });

  it('converts a USD offer into a GBP band through the cross rate', () => {
    const result = check({ location: 'GB-London', currency: 'USD', base: 141_535.31 });
    expect(result.pay.currency).toBe('GBP');
    expect(result.pay.fx?.from).toBe('USD');
    expect(result.pay.fx?.rate).toBeCloseTo(1 / USD_PER_GBP, 12);
    expect(result.pay.base).toBeCloseTo(105_000, 1);
    expect(result.band).toMatchObject({ currency: 'GBP', range: '£90k–£120k' });
    expect(result.compaRatio).toBeCloseTo(1, 5);
    expect(result.reasons[0]).toBe(
      'The offer is in USD; converted to GBP at 0.741864 (rate of 2025-05-30).',
    );
    expect(result.reasons[1]).toContain('£90k–£120k');
  });

  it('converts between two non-USD currencies through USD', () => {
    const result = check({ location: 'GB-London', currency: 'EUR', base: 120_000 });
    expect(result.pay.fx?.rate).toBeCloseTo(USD_PER_EUR / USD_PER_GBP, 12);
    expect(result.pay.base).toBe(roundMoney((120_000 * USD_PER_EUR) / USD_PER_GBP));
  });

  it('needs no rate when the offer is in the band currency', () => {
    expect(check({ currency: 'USD' }).pay.fx).toBeNull();
    expect(check({ currency: 'USD' }).reasons[0]).toMatch(/^Base /);
  });
});

describe('checkOffer location', () => {
  it.each([
    ['US-CA-San Francisco', 'US-A', 'city'],
    ['US-A', 'US-A', 'zone'],
    ['US-CA-Los Angeles', 'US-B', 'city'],
    ['US-TX', 'US', 'country'],
  ])('places %s in zone %s (by %s)', (location, zone, matchedBy) => {
    const result = check({ location, level: 'IC5' });
    expect(result.location).toMatchObject({ input: location, zone, matchedBy });
    expect(asked).toEqual([`data-scientist|IC5|${zone}`]);
  });

  it('checks San Francisco against the US-A band', () => {
    const result = check({ location: 'US-CA-San Francisco', base: 175_000 });
    expect(result.location).toEqual({
      input: 'US-CA-San Francisco',
      zone: 'US-A',
      zoneName: catalogue.zone('US-A')?.name,
      matchedBy: 'city',
    });
    expect(result).toMatchObject({ verdict: 'WITHIN_BAND', compaRatio: 1 });
  });
});

describe('checkOffer problems name the field', () => {
  it('rejects an unknown role', () => {
    expect(problems({ role: 'astronaut' })).toEqual([
      { path: 'role', problem: '"astronaut" is not a role of the catalogue' },
    ]);
  });

  it("rejects a level that is not on the role's ladder", () => {
    expect(problems({ level: 'M3' })).toEqual([
      { path: 'level', problem: `"M3" is not a level of data-scientist's ladder` },
    ]);
    expect(problems({ role: 'vp-engineering', level: 'IC4' })).toEqual([
      { path: 'level', problem: `"IC4" is not a level of vp-engineering's ladder` },
    ]);
  });

  it.each([
    ['XQ-Somewhere', 'no pay zone covers country "XQ"'],
    ['US-ZZ-Springfield', 'unknown region "ZZ" in US'],
    ['San Francisco', /is not a location/],
  ])('rejects the location %s', (location, problem) => {
    const found = problems({ location });
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('location');
    if (typeof problem === 'string') expect(found[0].problem).toBe(problem);
    else expect(found[0].problem).toMatch(problem);
  });

  it('names every bad field at once', () => {
    expect(problems({ role: 'astronaut', location: 'XQ-Somewhere' }).map((p) => p.path)).toEqual([
      'role',
      'location',
    ]);
    expect(problems({ level: 'E9', location: 'US-ZZ-Springfield' }).map((p) => p.path)).toEqual([
      'level',
      'location',
    ]);
  });

  it('refuses pay the plausibility rule of market data refuses, after annualizing', () => {
    expect(problems({ base: 150_000, period: 'hour' })).toEqual([
      { path: 'base', problem: 'annualized in USD is outside 1,000–10,000,000' },
    ]);
    expect(problems({ base: 0.01, period: 'hour', bonus: 20_000_000 })).toEqual([
      { path: 'base', problem: 'annualized in USD is outside 1,000–10,000,000' },
      { path: 'bonus', problem: 'exceeds 10000000 USD' },
    ]);
  });

  it('reports an unknown role, an unknown location and an implausible base together', () => {
    expect(
      problems({ role: 'no-such-role', location: 'XQ', base: 500 }).map((p) => p.path),
    ).toEqual(['role', 'location', 'base']);
  });

  it('rejects a currency without an FX rate to the band currency', () => {
    expect(problems({ currency: 'ARS' })).toEqual([
      { path: 'currency', problem: `has no FX rate to USD on ${TODAY}` },
    ]);
    // The ECB stopped quoting RUB after 2022-03-01: no rate is invented after it.
    expect(problems({ currency: 'RUB' }, '2022-03-02')).toEqual([
      { path: 'currency', problem: 'has no FX rate to USD on 2022-03-02' },
    ]);
    expect(problems({ location: 'GB-London', currency: 'ARS' })).toEqual([
      { path: 'currency', problem: `has no FX rate to GBP on ${TODAY}` },
    ]);
  });
});

describe('checkOffer reasons', () => {
  it('says a within-band offer can go out, naming the band range and version', () => {
    expect(check({ base: 180_000 }).reasons).toEqual([
      'Base $180k is within the Data Scientist IC4 in zone US-A band $150k–$200k (version 3): it can go out as it is.',
      'Compa-ratio 1.03 (midpoint $175k); market position P55.',
    ]);
  });

  it('names the pay-equity risk and the comp lead below the band', () => {
    const [verdict] = check({ base: 135_000 }).reasons;
    expect(verdict).toBe(
      'Base $135,000.00 is 10.00 % below the minimum $150,000.00 of the Data Scientist IC4 in zone US-A band $150k–$200k (version 3) (a pay-equity risk), so it needs approval from a comp lead.',
    );
  });

  it('names the comp lead above the band and both approvers far above it', () => {
    expect(check({ base: 210_000 }).reasons[0]).toBe(
      'Base $210,000.00 is 5.00 % above the maximum $200,000.00 of the Data Scientist IC4 in zone US-A band $150k–$200k (version 3), within 10 % of it, so it needs approval from a comp lead.',
    );
    expect(check({ base: 240_000 }).reasons[0]).toBe(
      'Base $240,000.00 is 20.00 % above the maximum $200,000.00 of the Data Scientist IC4 in zone US-A band $150k–$200k (version 3), more than the 10 % a comp lead may approve alone, so it needs approval from a comp lead and finance.',
    );
  });

  it('says an open-ended band has no ceiling', () => {
    expect(check(exec(600_000)).reasons).toEqual([
      'Base $600,000.00 is 50.00 % above the maximum $400,000.00 of the VP of Engineering E2 in zone US-A band $250k–$400k+ (version 7) (the band is open-ended above its max), so it needs approval from a comp lead.',
      'Compa-ratio 2.00 (midpoint $300k); market position P>90.',
    ]);
  });

  it('says where a derived band comes from and its confidence', () => {
    const result = check({ location: 'US-CA-Los Angeles', base: 157_500 });
    expect(result).toMatchObject({ verdict: 'WITHIN_BAND', compaRatio: 1 });
    expect(result.reasons).toContain(
      'This band is derived from data-scientist|IC4|US (country), low confidence.',
    );
  });

  it('leaves out market position for a structure band without percentiles', () => {
    const result = check({ role: 'engineering-manager', level: 'M3', base: 230_000 });
    expect(result).toMatchObject({ verdict: 'ABOVE_BAND', marketPosition: null });
    expect(result.reasons.join(' ')).not.toMatch(/market position/i);
    expect(result.reasons).toContain('Compa-ratio 1.15 (midpoint $200k).');
  });

  it('never implies a suppressed P10 or P90', () => {
    for (const base of [100_000, 119_999.99, 140_000, 160_000.01, 300_000]) {
      const result = check({ level: 'IC3', base });
      const text = result.reasons.join(' ');
      expect(text).not.toMatch(/P<?10\b|P>?90\b/);
      expect(text).not.toMatch(/undefined|null|NaN/);
    }
    expect(check({ level: 'IC3', base: 100_000 }).marketPosition).toEqual({
      kind: 'below',
      percentile: 25,
      display: '<25',
    });
    expect(check({ level: 'IC3', base: 300_000 }).marketPosition?.display).toBe('>75');
  });

  it('mentions no money figure but the base and the band min, mid and max', () => {
    // Plausible annual bases (1,000–10,000,000 USD, §4.1), in cents.
    const bases = fc.integer({ min: 100_000, max: 1_000_000_000 }).map((cents) => cents / 100);
    const cells = fc.constantFrom(
      { level: 'IC4' },
      { level: 'IC3' },
      { level: 'IC2' },
      { role: 'vp-engineering', level: 'E2' },
      { location: 'GB-London', currency: 'USD' },
    );
    fc.assert(
      fc.property(bases, cells, (base, cell) => {
        const result = check({ ...cell, base });
        expectPlainSentences(result.reasons);
        const { band, pay } = result;
        const exact = new Intl.NumberFormat('en-US', {
          style: 'currency',
          currency: pay.currency,
          minimumFractionDigits: 2,
        });
        const allowed = new Set(
          [pay.base, ...(band ? [band.min, band.mid, band.max] : [])].flatMap((amount) => [
            formatMoneyShort(amount, pay.currency),
            exact.format(amount),
          ]),
        );
        for (const figure of result.reasons.join(' ').match(MONEY_FIGURE) ?? []) {
          expect(allowed).toContain(figure);
        }
        if (!band) expect(result.reasons.join(' ')).not.toMatch(MONEY_FIGURE);
        for (const role of result.requiredApprovals) {
          expect(result.reasons.join(' ')).toContain(APPROVERS[role]);
        }
        if (band) expect(result.reasons.join(' ')).toContain(band.range);
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkOffer properties', () => {
  const cents = fc.integer({ min: 100_000, max: 1_000_000_000 }).map((c) => c / 100);
  const bandCell = fc.constantFrom({ level: 'IC4' }, { role: 'vp-engineering', level: 'E2' });

  it('never gets kinder as the base rises, and compa-ratio rises with it', () => {
    fc.assert(
      fc.property(cents, cents, bandCell, (a, b, cell) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const low = check({ ...cell, base: lo });
        const high = check({ ...cell, base: hi });
        expect(ORDER.indexOf(low.verdict)).toBeLessThanOrEqual(ORDER.indexOf(high.verdict));
        expect(low.compaRatio).not.toBeNull();
        expect(low.compaRatio as number).toBeLessThanOrEqual(high.compaRatio as number);
        expect(low.rangePenetration as number).toBeLessThanOrEqual(high.rangePenetration as number);
      }),
      { numRuns: 200 },
    );
  });

  it('matches the §3 table for any base in cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 1_000_000_000 }), bandCell, (baseCents, cell) => {
        const band = cell.level === 'IC4' ? IC_BAND : EXEC_BAND;
        const [minCents, maxCents] = [(band.min as number) * 100, (band.max as number) * 100];
        // Integer cents: 10 % above max is exactly max × 110 cents.
        const expected: OfferVerdictCode =
          baseCents < minCents
            ? 'BELOW_BAND'
            : baseCents <= maxCents
              ? 'WITHIN_BAND'
              : band.openEnded || baseCents <= (maxCents * 110) / 100
                ? 'ABOVE_BAND'
                : 'FAR_ABOVE_BAND';
        const result = check({ ...cell, base: baseCents / 100 });
        expect(result.verdict).toBe(expected);
        expect(result.requiredApprovals).toEqual(DEFAULT_VERDICT_POLICY.approvals[expected]);
        expect(result.autoApproved).toBe(expected === 'WITHIN_BAND');
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same verdict for a monthly base as for twelve times it per year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8_334, max: 5_000_000 }), (monthlyCents) => {
        const monthly = check({ base: monthlyCents / 100, period: 'month' });
        const yearly = check({ base: (monthlyCents * 12) / 100 });
        expect(monthly.pay.base).toBe(yearly.pay.base);
        expect(monthly.verdict).toBe(yearly.verdict);
      }),
    );
  });
});
