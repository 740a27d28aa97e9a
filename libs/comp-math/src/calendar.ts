/** A calendar date written 'YYYY-MM-DD' (no time, no zone). */
export type IsoDate = string;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export function parseIsoDate(iso: IsoDate): CalendarDate {
  const match = ISO_DATE.exec(iso);
  const [year, month, day] = match ? match.slice(1).map(Number) : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`"${iso}" is not a calendar date written YYYY-MM-DD`);
  }
  return { year, month, day };
}

export function formatIsoDate({ year, month, day }: CalendarDate): IsoDate {
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} is outside 0000–9999`);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A day missing from the target month clamps to its last day: 01-31 + 1 month → 02-28/29. */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) {
    throw new RangeError(`months must be a whole number, got ${months}`);
  }
  const { year, month, day } = parseIsoDate(iso);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/**
 * Whole calendar months from `from` to `to`: the largest m with addMonths(from, m) ≤ to, so
 * 2024-01-31 → 2024-02-29 is 1 (end of month reached) and 2024-01-31 → 2024-02-28 is 0.
 * Negative (mirrored) when `to` is before `from`.
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (to < from) return -wholeMonthsBetween(to, from);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  const endOfMonth = b.day === daysInMonth(b.year, b.month);
  return b.day < a.day && !endOfMonth ? months - 1 : months;
}
