import { type IsoDate, wholeMonthsBetween } from './calendar';

/** §2 default market movement: 3 % a year, overridable per job family. */
export const DEFAULT_AGING_RATE = 0.03;

/** value × (1 + r)^(months / 12). */
export function ageValue(
  value: number,
  months: number,
  annualRate: number = DEFAULT_AGING_RATE,
): number {
  if (!Number.isFinite(months) || months < 0) {
    throw new RangeError(`aging months must be ≥ 0, got ${months}`);
  }
  if (!Number.isFinite(annualRate) || annualRate <= -1) {
    throw new RangeError(`aging rate must be > -1, got ${annualRate}`);
  }
  return months === 0 ? value : value * (1 + annualRate) ** (months / 12);
}

/** Months to age by; never backwards: an observation dated after the effective date is current. */
export function agingMonths(observedAt: IsoDate, effectiveDate: IsoDate): number {
  return Math.max(0, wholeMonthsBetween(observedAt, effectiveDate));
}

export function ageToDate(
  value: number,
  observedAt: IsoDate,
  effectiveDate: IsoDate,
  annualRate: number = DEFAULT_AGING_RATE,
): number {
  return ageValue(value, agingMonths(observedAt, effectiveDate), annualRate);
}
