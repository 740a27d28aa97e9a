export type PayPeriod = 'year' | 'month' | 'hour';

/** Full-time year of 52 weeks × 40 hours. */
export const HOURS_PER_YEAR = 2080;
export const PERIODS_PER_YEAR: Readonly<Record<PayPeriod, number>> = {
  year: 1,
  month: 12,
  hour: HOURS_PER_YEAR,
};

export function annualize(amount: number, period: PayPeriod): number {
  const factor = PERIODS_PER_YEAR[period];
  if (factor === undefined) throw new RangeError(`unknown pay period "${period}"`);
  return amount * factor;
}
