import Decimal from 'decimal.js';
import { ISO_4217_MINOR_UNITS } from './iso-4217-minor-units';

/*
 * Money is decimal major units (USD 1234.56) in the currency's ISO 4217 minor units. Each step
 * that produces money rounds once, by the rule of its row (README "Money" says the same):
 *
 * | step                                          | where                          | rule                         |
 * |-----------------------------------------------|--------------------------------|------------------------------|
 * | FX conversion (observation, offer, USD cost)  | convertMoney                   | exact product, half-up to    |
 * |                                               |                                | the target's minor unit      |
 * | sums (total cash/comp, cost vs mid, budget)   | sumMoney; SQL numeric sum      | exact, rounded once, half-up |
 * | annualizing (× 2080, × 12)                    | before the conversion          | not rounded on its own       |
 * | percentiles, aging, blending, fallback        | doubles (statistics, not money)| half-up when published       |
 * | structure zone ranges (anchor × differential) | scaleMoney                     | half-up to the declared unit |
 * | verdict ceiling max × (1 + ratio)             | scaleMoney                     | half-up to cents             |
 * | display (`$220k`)                             | money-format (Intl)            | half-up (halfExpand)         |
 *
 * Half-up means half away from zero (−1.005 → −1.01). Half-even is available (`roundMoney`'s
 * third argument) but no step uses it: every figure is rounded once from an exact or
 * statistical value, never re-rounded and then summed, so half-up's bias stays under half a
 * minor unit per figure — and half-up is what payroll, structures ("whole units half-up") and
 * finance systems expect to see.
 *
 * A double is read as the decimal of its first 15 significant digits — all a double guarantees —
 * so float noise (1.1 × 1.15 = 1.2649999999999999) never decides a rounding; text (a numeric
 * column, a JSON figure) is read exactly. FX rates and weights are factors, not money: they are
 * kept as given (doubles) and enter the decimal product exactly as written.
 */

export type MoneyRounding = 'half-up' | 'half-even';

/** 34 significant digits (IEEE decimal128): sums and products of amounts stay exact. */
const Money = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP });

const ROUNDING: Readonly<Record<MoneyRounding, Decimal.Rounding>> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
};

/** The minor unit of a currency unknown to ISO 4217 (or without one): cents, the common case. */
export const DEFAULT_MINOR_UNITS = 2;

/** ISO 4217 minor units: JPY 0, USD 2, KWD 3; unknown codes 2. */
export function currencyDecimals(currency: string): number {
  // The code as given first (the common case, no new string); never a prototype member.
  const exact = ISO_4217_MINOR_UNITS[currency];
  if (typeof exact === 'number') return exact;
  const upper = ISO_4217_MINOR_UNITS[currency.toUpperCase()];
  return typeof upper === 'number' ? upper : DEFAULT_MINOR_UNITS;
}

/**
 * The decimal places a number is written with, read from its shortest decimal form, also in
 * exponent notation (1e-9 has 9, 1.5e-7 has 8, 1e21 has 0). NaN and ±Infinity have none.
 */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/** An amount as a double (15 significant digits) or as exact decimal text. */
export type MoneyInput = number | string;

function decimalOf(amount: MoneyInput): Decimal {
  return typeof amount === 'number' ? new Money(amount.toPrecision(15)) : new Money(amount);
}

/**
 * The fast path of the hot loops (ingest, band cells): `amount × factor` rounded in doubles, when
 * the double product is clearly away from a half at `decimals` places — then both rules and the
 * exact product round alike, since the product's float error (and the 15-digit reading of
 * `amount`) is far below the margin. Undefined near a half, where the decimal product decides.
 */
function nearHalfFree(amount: number, factor: number, decimals: number): number | undefined {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) return undefined;
  const scale = 10 ** decimals;
  const product = amount * factor;
  const scaled = Math.abs(product * scale);
  if (!(scaled < 2 ** 52)) return undefined;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  if (Math.abs(fraction - 0.5) <= scaled * 1e-13 + 1e-9) return undefined;
  const whole = fraction < 0.5 ? floor : floor + 1;
  // whole / 10^d is the double nearest to the decimal whole·10^-d, as the exact path returns.
  return whole === 0 ? 0 : product < 0 ? -whole / scale : whole / scale;
}

function rounded(value: Decimal, decimals: number, rounding: MoneyRounding): number {
  if (!Number.isInteger(decimals)) {
    throw new RangeError(`decimals must be a whole number, got ${decimals}`);
  }
  const mode = ROUNDING[rounding];
  if (mode === undefined) throw new RangeError(`unknown money rounding "${rounding}"`);
  const result =
    decimals >= 0
      ? value.toDecimalPlaces(decimals, mode)
      : value.toNearest(new Money(10).pow(-decimals), mode);
  return result.isZero() ? 0 : result.toNumber();
}

/**
 * `amount` rounded to `decimals` places (negative: tens, hundreds…) by `rounding`, half-up
 * (away from zero) unless told: 1.005 → 1.01, 1.1 × 1.15 → 1.27, 2.5 → 3 (half-even: 2).
 * Non-finite input passes through (so error messages never throw); the result is never −0.
 */
export function roundMoney(
  amount: number,
  decimals: number = DEFAULT_MINOR_UNITS,
  rounding: MoneyRounding = 'half-up',
): number {
  if (ROUNDING[rounding] === undefined)
    throw new RangeError(`unknown money rounding "${rounding}"`);
  if (!Number.isFinite(amount)) return amount;
  return nearHalfFree(amount, 1, decimals) ?? rounded(decimalOf(amount), decimals, rounding);
}

/** `amount` rounded half-up (unless told) to the minor unit of `currency`. */
export function roundToCurrency(
  amount: number,
  currency: string,
  rounding: MoneyRounding = 'half-up',
): number {
  return roundMoney(amount, currencyDecimals(currency), rounding);
}

/** The exact product `amount × factor`, rounded half-up once to `decimals` places. */
export function scaleMoney(amount: MoneyInput, factor: number, decimals: number): number {
  if (!Number.isFinite(factor)) throw new RangeError(`factor must be finite, got ${factor}`);
  const fast = typeof amount === 'number' ? nearHalfFree(amount, factor, decimals) : undefined;
  return fast ?? rounded(decimalOf(amount).times(factor), decimals, 'half-up');
}

/**
 * FX: `amount` × `rate` (units of the target currency per unit of the source, recorded with the
 * conversion), exact, rounded half-up to the target currency's minor unit.
 */
export function convertMoney(amount: MoneyInput, rate: number, currency: string): number {
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new RangeError(`FX rate must be a finite number > 0, got ${rate}`);
  }
  return scaleMoney(amount, rate, currencyDecimals(currency));
}

/**
 * The exact sum of amounts of one currency, rounded once, half-up, to its minor unit; absent
 * amounts (null, undefined) count as nothing. 0.1 + 0.2 is 0.3 and 10,000 × 0.01 is 100.
 */
export function sumMoney(
  amounts: Iterable<MoneyInput | null | undefined>,
  currency: string,
): number {
  let total = new Money(0);
  for (const amount of amounts) {
    if (amount === null || amount === undefined) continue;
    if (typeof amount === 'number' && !Number.isFinite(amount)) {
      throw new RangeError(`cannot sum ${amount} as money`);
    }
    total = total.plus(decimalOf(amount));
  }
  return rounded(total, currencyDecimals(currency), 'half-up');
}

/** Decimal text (a numeric column, a sum from SQL) as a number in `currency`'s minor units. */
export function parseMoney(text: string, currency: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`not a decimal amount: "${text}"`);
  return rounded(new Money(text), currencyDecimals(currency), 'half-up');
}
