import { annualize, type PayPeriod } from './annualize';

describe('annualize', () => {
  it.each([
    [50, 'hour', 104_000],
    [10_000, 'month', 120_000],
    [150_000, 'year', 150_000],
  ] as [number, PayPeriod, number][])('%d a %s is %d a year', (amount, period, annual) => {
    expect(annualize(amount, period)).toBe(annual);
  });

  it('rejects an unknown period', () => {
    expect(() => annualize(1, 'week' as PayPeriod)).toThrow(RangeError);
  });
});
