import fc from 'fast-check';
import { addMonths, daysInMonth, parseIsoDate, wholeMonthsBetween } from './calendar';

const isoDate = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2040-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

describe('calendar dates', () => {
  it('parses real dates and rejects anything else', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of [
      '2023-02-29',
      '2024-02-30',
      '2024-13-01',
      '2024-00-10',
      '2024-1-01',
      '2024-01-01T00:00',
      '',
    ]) {
      expect(() => parseIsoDate(bad)).toThrow(RangeError);
    }
  });

  it('knows leap years', () => {
    expect([
      daysInMonth(2024, 2),
      daysInMonth(2023, 2),
      daysInMonth(1900, 2),
      daysInMonth(2000, 2),
    ]).toEqual([29, 28, 28, 29]);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2025-01-01', -24, '2023-01-01'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('addMonths(%s, %d) is %s (clamped to month end)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-01-31', '2024-02-29', 1],
    ['2024-01-31', '2024-02-28', 0],
    ['2024-01-30', '2024-02-29', 1],
    ['2024-01-15', '2024-02-14', 0],
    ['2024-01-15', '2024-02-15', 1],
    ['2024-02-29', '2024-03-28', 0],
    ['2024-02-29', '2024-03-29', 1],
    ['2023-01-01', '2025-01-01', 24],
    ['2022-12-31', '2025-01-01', 24],
    ['2024-05-05', '2024-05-05', 0],
    ['2024-02-29', '2024-01-31', -1],
  ])('wholeMonthsBetween(%s, %s) is %d', (from, to, months) => {
    expect(wholeMonthsBetween(from, to)).toBe(months);
  });

  it('counts the largest m with addMonths(from, m) ≤ to', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const months = wholeMonthsBetween(from, to);
        expect(addMonths(from, months) <= to).toBe(true);
        expect(addMonths(from, months + 1) > to).toBe(true);
        expect(wholeMonthsBetween(to, from) + months).toBe(0);
      }),
    );
  });

  it('is exactly k months from a date to the date k months later', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 400 }), (date, k) => {
        expect(wholeMonthsBetween(date, addMonths(date, k))).toBe(k);
      }),
    );
  });
});
