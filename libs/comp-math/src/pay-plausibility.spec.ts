import { implausiblePay } from './pay-plausibility';

describe('implausiblePay', () => {
  it('accepts pay inside the ranges', () => {
    expect(implausiblePay({ base: 150_000, bonus: 20_000, equity: 50_000 }, 1)).toEqual([]);
    expect(implausiblePay({ base: 1_000 }, 1)).toEqual([]);
    expect(implausiblePay({ base: 10_000_000 }, 1)).toEqual([]);
    // JSON producers write an absent bonus as null.
    expect(implausiblePay({ base: 150_000, bonus: null, equity: null }, 1)).toEqual([]);
  });

  it('judges the base in USD: 150,000 an hour is 312 M a year', () => {
    expect(implausiblePay({ base: 150_000 * 2080 }, 1).map((p) => p.field)).toEqual(['base']);
    expect(implausiblePay({ base: 900 }, 1).map((p) => p.field)).toEqual(['base']);
    // 100,000 JPY is about 650 USD.
    expect(implausiblePay({ base: 100_000 }, 0.0065).map((p) => p.field)).toEqual(['base']);
  });

  it('judges the USD amount to the cent, as it is stored', () => {
    // 153,846 JPY × 0.0065 = 999.999 USD, which is 1,000.00 to the cent; 153,845 is 999.99.
    expect(implausiblePay({ base: 153_846 }, 0.0065)).toEqual([]);
    expect(implausiblePay({ base: 153_845 }, 0.0065)[0].message).toBe(
      'base annualized is 999.99 USD; it must lie between 1000 and 10000000',
    );
  });

  it('names every implausible figure at once', () => {
    expect(
      implausiblePay({ base: 1, bonus: 20_000_000, equity: 200_000_000 }, 1).map((p) => p.field),
    ).toEqual(['base', 'bonus', 'equity']);
  });
});
