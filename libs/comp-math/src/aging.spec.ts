import fc from 'fast-check';
import { ageToDate, ageValue, agingMonths, DEFAULT_AGING_RATE } from './aging';

const value = fc.double({ min: 1, max: 1e7, noNaN: true });
const rate = fc.double({ min: -0.5, max: 0.5, noNaN: true });
const months = fc.integer({ min: 0, max: 120 });

describe('aging', () => {
  it('moves a value by (1 + r)^(months / 12), 3 % a year by default', () => {
    expect(DEFAULT_AGING_RATE).toBe(0.03);
    expect(ageValue(100_000, 12)).toBeCloseTo(103_000, 8);
    expect(ageValue(100_000, 24)).toBeCloseTo(106_090, 8);
    expect(ageValue(100_000, 6)).toBeCloseTo(100_000 * Math.sqrt(1.03), 8);
    expect(ageValue(100_000, 12, 0.05)).toBeCloseTo(105_000, 8);
  });

  it('ages by whole months between observation and effective date', () => {
    expect(agingMonths('2023-06-15', '2025-01-01')).toBe(18);
    expect(ageToDate(100_000, '2024-01-01', '2025-01-01')).toBeCloseTo(103_000, 8);
    expect(ageToDate(100_000, '2024-01-02', '2025-01-01')).toBeCloseTo(
      100_000 * 1.03 ** (11 / 12),
      8,
    );
  });

  it('never ages backwards: an observation after the effective date keeps its value', () => {
    expect(agingMonths('2025-06-01', '2025-01-01')).toBe(0);
    expect(ageToDate(100_000, '2025-06-01', '2025-01-01')).toBe(100_000);
  });

  it('rejects negative months and rates of −100 % or less', () => {
    expect(() => ageValue(1, -1)).toThrow(RangeError);
    expect(() => ageValue(1, NaN)).toThrow(RangeError);
    expect(() => ageValue(1, 12, -1)).toThrow(RangeError);
    expect(() => ageValue(1, 12, NaN)).toThrow(RangeError);
  });

  it('is the identity at 0 months', () => {
    fc.assert(fc.property(value, rate, (v, r) => expect(ageValue(v, 0, r)).toBe(v)));
  });

  it('is monotone in the rate and, for r ≥ 0, in the months', () => {
    fc.assert(
      fc.property(value, rate, rate, months, months, (v, r1, r2, m1, m2) => {
        const [rLo, rHi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const [mLo, mHi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(ageValue(v, m1, rLo)).toBeLessThanOrEqual(ageValue(v, m1, rHi));
        expect(ageValue(v, mLo, Math.abs(r1))).toBeLessThanOrEqual(ageValue(v, mHi, Math.abs(r1)));
      }),
    );
  });
});
