import fc from 'fast-check';
import { agingMonths } from './aging';
import { isInWindow, windowStart } from './window';

const isoDate = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2040-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

describe('observation window', () => {
  it.each([
    ['2023-01-01', true],
    ['2022-12-31', false],
    ['2024-06-30', true],
    ['2025-01-01', true],
    ['2025-01-02', false],
  ])('24 months before 2025-01-01: %s inside is %s', (observedAt, inside) => {
    expect(isInWindow(observedAt, '2025-01-01')).toBe(inside);
  });

  it('takes the length in months as a parameter', () => {
    expect(windowStart('2025-01-01', 12)).toBe('2024-01-01');
    expect(isInWindow('2024-01-01', '2025-01-01', 12)).toBe(true);
    expect(isInWindow('2023-12-31', '2025-01-01', 12)).toBe(false);
    expect(isInWindow('2025-01-01', '2025-01-01', 0)).toBe(true);
    expect(isInWindow('2024-12-31', '2025-01-01', 0)).toBe(false);
  });

  it('starts at the same day of the month, clamped to month end', () => {
    expect(windowStart('2024-02-29')).toBe('2022-02-28');
    expect(isInWindow('2022-02-27', '2024-02-29')).toBe(false);
    expect(windowStart('2025-03-31', 1)).toBe('2025-02-28');
  });

  it('rejects bad dates and lengths', () => {
    expect(() => isInWindow('2024-02-30', '2025-01-01')).toThrow(RangeError);
    expect(() => isInWindow('2024-01-01', '2025-13-01')).toThrow(RangeError);
    expect(() => windowStart('2025-01-01', -1)).toThrow(RangeError);
    expect(() => windowStart('2025-01-01', 1.5)).toThrow(RangeError);
  });

  it('holds observations at most `months` old and none from after the effective date', () => {
    fc.assert(
      fc.property(
        isoDate,
        isoDate,
        fc.integer({ min: 0, max: 60 }),
        (observedAt, effective, months) => {
          if (isInWindow(observedAt, effective, months)) {
            expect(observedAt <= effective).toBe(true);
            expect(agingMonths(observedAt, effective)).toBeLessThanOrEqual(months);
          } else if (observedAt <= effective) {
            expect(agingMonths(observedAt, effective)).toBeGreaterThanOrEqual(months);
          }
        },
      ),
    );
  });
});
