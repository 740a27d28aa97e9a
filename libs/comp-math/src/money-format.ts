import { roundMoney } from './money';

/** Symbols we can show unambiguously; every other currency is written as its code ("CHF 120k"). */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  INR: '₹',
  CAD: 'CA$',
  AUD: 'A$',
};

export function currencyPrefix(currency: string): string {
  const code = currency.toUpperCase();
  return CURRENCY_SYMBOLS[code] ?? `${code} `;
}

/**
 * Short money for answers, rounded half-up: under 1,000 in whole units ($950), then to the nearest
 * thousand ($220k; 220,500 → $221k), from 1,000k on to one decimal of millions ($1.2M, $2M).
 */
export function formatMoneyShort(amount: number, currency: string): string {
  if (!Number.isFinite(amount)) throw new RangeError(`cannot format ${amount} as money`);
  const sign = amount < 0 ? '-' : '';
  const magnitude = Math.abs(amount);
  const whole = roundMoney(magnitude, 0);
  const thousands = roundMoney(magnitude, -3);
  const figure =
    whole < 1000
      ? `${whole}`
      : thousands < 1_000_000
        ? `${thousands / 1000}k`
        : `${roundMoney(magnitude / 1e6, 1)}M`;
  return whole === 0
    ? `${currencyPrefix(currency)}0`
    : `${sign}${currencyPrefix(currency)}${figure}`;
}

/** "$220k–$350k+": en dash between the edges, "+" after an open-ended max. */
export function formatBandRange(
  band: { min: number; max: number; openEnded: boolean },
  currency: string,
): string {
  const range = `${formatMoneyShort(band.min, currency)}–${formatMoneyShort(band.max, currency)}`;
  return band.openEnded ? `${range}+` : range;
}
