import { addMonths, type IsoDate, parseIsoDate } from './calendar';

export const DEFAULT_WINDOW_MONTHS = 24;

/** First day in the window: `months` months before the effective date (month-end clamped). */
export function windowStart(
  effectiveDate: IsoDate,
  months: number = DEFAULT_WINDOW_MONTHS,
): IsoDate {
  if (!Number.isInteger(months) || months < 0) {
    throw new RangeError(`window months must be a whole number ≥ 0, got ${months}`);
  }
  return addMonths(effectiveDate, -months);
}

/** [effectiveDate − months, effectiveDate], both inclusive: the effective day's data counts. */
export function isInWindow(
  observedAt: IsoDate,
  effectiveDate: IsoDate,
  months: number = DEFAULT_WINDOW_MONTHS,
): boolean {
  parseIsoDate(observedAt);
  return observedAt >= windowStart(effectiveDate, months) && observedAt <= effectiveDate;
}
