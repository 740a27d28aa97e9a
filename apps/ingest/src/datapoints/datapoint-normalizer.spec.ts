import { roundMoney } from '@rangefinder/comp-math';
import fc from 'fast-check';
import { Catalogue } from '@rangefinder/catalogue';
import { seedCatalogue } from '@rangefinder/catalogue/testing';
import { DatapointV1, RejectionCode } from '@rangefinder/contracts';
import { normalizeDatapoint, type NormalizeResult } from './datapoint-normalizer';

const TODAY = '2026-11-26';
const at = { partition: 3, offset: '41' };
let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = new Catalogue(await seedCatalogue());
});

const datapoint = (fields: Partial<DatapointV1> = {}): DatapointV1 =>
  Object.assign(new DatapointV1(), {
    schema: 'comp.datapoint.v1',
    source: 'ai-jobs',
    sourceRecordId: '7',
    observedAt: '2024-07-01',
    title: 'Data Scientist',
    level: 'SE',
    location: { country: 'US' },
    employmentType: 'FT',
    currency: 'USD',
    base: 150000,
    ...fields,
  });

const accepted = (result: NormalizeResult) => {
  if (result.kind !== 'accepted') throw new Error(`rejected: ${result.reason.message}`);
  return result.observation;
};
const rejected = (result: NormalizeResult) => {
  if (result.kind !== 'rejected') throw new Error('expected a rejection');
  return result.reason;
};
const normalize = (fields: Partial<DatapointV1> = {}) =>
  normalizeDatapoint(datapoint(fields), at, catalogue, TODAY);

describe('normalizeDatapoint', () => {
  it('maps title, level and location through the catalogue', () => {
    expect(accepted(normalize())).toMatchObject({
      role: 'data-scientist',
      level: 'IC4',
      zone: 'US',
      currency: 'USD',
      base: 150000,
      baseUsd: 150000,
      partition: 3,
      offset: '41',
      weight: 1,
      period: 'year',
    });
  });

  it('lets an explicit canonical level win over the crosswalk', () => {
    expect(accepted(normalize({ level: 'IC6' })).level).toBe('IC6');
  });

  it('accepts a canonical role code instead of a title', () => {
    expect(
      accepted(normalize({ title: undefined, role: 'vp-engineering', level: 'E1' })).role,
    ).toBe('vp-engineering');
  });

  it('stores a null bonus or equity as absent (the fuzz suite found it stopping a partition)', () => {
    const stored = accepted(
      normalize({ bonus: null, equity: null } as unknown as Partial<DatapointV1>),
    );
    expect([stored.bonus, stored.equity]).toEqual([null, null]);
  });

  it('resolves a city to its zone', () => {
    expect(
      accepted(normalize({ location: { country: 'US', region: 'CA', city: 'San Francisco' } }))
        .zone,
    ).toBe('US-A');
  });

  it('converts to the zone currency at the rate in force on the observation date', () => {
    const gbp = accepted(
      normalize({
        location: { country: 'GB' },
        currency: 'USD',
        base: 125000,
        observedAt: '2024-03-01',
      }),
    );
    expect(gbp.currency).toBe('GBP');
    expect(gbp.fxAsOf).toBe('2024-03-01');
    // 125,000 USD at the ECB's 1.26337804365 USD per GBP of that day
    expect(gbp.base).toBe(roundMoney(125000 / 1.26337804365));
    expect(gbp.baseUsd).toBe(125000);
  });

  it("rounds each converted amount half-up to the zone currency's minor unit: whole yen", () => {
    const fields = { location: { country: 'JP' }, currency: 'USD', observedAt: '2024-03-01' };
    const jp = accepted(normalize({ ...fields, base: 100_000.55, bonus: 10_000.01 }));
    const yenPerUsd = catalogue.convert(1, 'USD', 'JPY', '2024-03-01')!.rate;
    expect(jp.currency).toBe('JPY');
    expect(Number.isInteger(jp.base) && Number.isInteger(jp.bonus)).toBe(true);
    expect(Math.abs(jp.base - 100_000.55 * yenPerUsd)).toBeLessThanOrEqual(0.5);
    expect(jp.baseUsd).toBe(100_000.55);
    const fromYen = accepted(
      normalize({ currency: 'JPY', base: 15_000_001, observedAt: '2024-03-01' }),
    );
    expect(fromYen.baseUsd).toBe(roundMoney(fromYen.baseUsd, 2));
  });

  it.each([
    [{ title: 'Chief Vibes Officer' }, RejectionCode.UnmappedRole, 'title'],
    [{ title: undefined, role: 'astronaut' }, RejectionCode.UnmappedRole, 'role'],
    [{ level: 'ZZ' }, RejectionCode.UnmappedLevel, 'level'],
    [{ location: { country: 'AQ' } }, RejectionCode.UnknownLocation, 'location'],
    [{ currency: 'XQQ' }, RejectionCode.UnknownCurrency, 'currency'],
    [{ currency: 'RUB', observedAt: '2023-06-01' }, RejectionCode.UnknownCurrency, 'currency'],
    [{ observedAt: '2099-01-01' }, RejectionCode.OutOfRange, 'observedAt'],
    [{ observedAt: '1999-12-31' }, RejectionCode.OutOfRange, 'observedAt'],
    [{ observedAt: '2024-02-30' }, RejectionCode.SchemaViolation, 'observedAt'],
    [{ base: 999 }, RejectionCode.OutOfRange, 'base'],
    [{ base: 10_000_001 }, RejectionCode.OutOfRange, 'base'],
    [{ base: 5000, period: 'hour' as const }, RejectionCode.OutOfRange, 'base'],
    [{ bonus: 20_000_000 }, RejectionCode.OutOfRange, 'bonus'],
  ])('rejects %j with %s naming %s', (fields, code, path) => {
    const reason = rejected(normalize(fields));
    expect(reason.code).toBe(code);
    expect(reason.fields.map((f) => f.path)).toEqual([path]);
  });

  it('accepts the range edges: 1,000 and 10,000,000 USD a year; today', () => {
    expect(normalize({ base: 1000 }).kind).toBe('accepted');
    expect(normalize({ base: 10_000_000 }).kind).toBe('accepted');
    expect(normalize({ observedAt: TODAY }).kind).toBe('accepted');
  });

  it('annualizes: hourly × 2080 and monthly × 12 equal the same yearly pay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000 }), (hourly) => {
        const byHour = accepted(
          normalize({ base: hourly, period: 'hour' as const, currency: 'USD' }),
        );
        const byYear = accepted(normalize({ base: hourly * 2080 }));
        const byMonth = accepted(
          normalize({ base: (hourly * 2080) / 12, period: 'month' as const }),
        );
        return byHour.base === byYear.base && Math.abs(byMonth.base - byYear.base) < 0.01;
      }),
      { numRuns: 200 },
    );
  });

  it('converts proportionally and consistently: base in zone currency × rate-to-USD = base in USD', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20_000, max: 2_000_000 }),
        fc.constantFrom('GB', 'DE', 'US', 'CA'),
        (amount, country) => {
          const o = accepted(normalize({ base: amount, location: { country } }));
          const usdPerZoneUnit = catalogue.fxUsdPerUnit(o.currency, o.observedAt)!.rate;
          return (
            Math.abs(o.base * usdPerZoneUnit - o.baseUsd) <= 0.01 * usdPerZoneUnit + 1e-6 &&
            o.baseUsd === amount
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is monotone: more pay in, more pay out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (a, d) => {
          const low = accepted(
            normalize({ base: a, currency: 'EUR', location: { country: 'DE' } }),
          );
          const high = accepted(
            normalize({ base: a + d, currency: 'EUR', location: { country: 'DE' } }),
          );
          return high.base > low.base && high.baseUsd > low.baseUsd;
        },
      ),
      { numRuns: 200 },
    );
  });
});
