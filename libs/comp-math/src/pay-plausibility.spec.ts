import { implausiblePay } from './pay-plausibility';

describe('implausiblePay', () => {
  it('accepts pay inside the ranges', () => {
    expect(implausiblePay({ base: 150_000, bonus: 20_000, equity: 50_000 }, 1)).toEqual([]);
    expect(implausiblePay({ base: 1_000 }, 1)).toEqual([]);
    expect(implausiblePay({ base: 10_000_000 }, 1)).toEqual([]);
  });

  it('judges the base in USD: 150,000 an hour is 312 M a year', () => {
    expect(implausiblePay({ base: 150_000 * 2080 }, 1).map((p) => p.field)).toEqual(['base']);
    expect(implausiblePay({ base: 900 }, 1).map((p) => p.field)).toEqual(['base']);
    // 100,000 JPY is about 650 USD.
    expect(implausiblePay({ base: 100_000 }, 0.0065).map((p) => p.field)).toEqual(['base']);
  });

  it('names every implausible figure at once', () => {
    expect(
      implausiblePay({ base: 1, bonus: 20_000_000, equity: 200_000_000 }, 1).map((p) => p.field),
    ).toEqual(['base', 'bonus', 'equity']);
  });
});
