import { currencyDecimals, roundMoney } from './money';

/** The locale of answers until users choose theirs: symbols as an American reader knows them. */
export const DEFAULT_MONEY_LOCALE = 'en-US';

// Building an Intl.NumberFormat costs more than a whole offer check: one per use, kept.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = make()));
  return found;
}

/**
 * Short money for answers, the seed's compact form, half-up: under 1,000 in whole units ($950),
 * then whole thousands ($220k; 220,500 → $221k), from a million on one decimal ($1.2M, $2M,
 * $1.5B). Currency symbols are the locale's (en-US: $ € £ ¥ A$ CA$ ₹; CHF and codes without a
 * symbol as "CHF 120k" with a no-break space); the thousands mark is written "k", not CLDR's "K".
 */
export function formatMoneyShort(
  amount: number,
  currency: string,
  locale: string = DEFAULT_MONEY_LOCALE,
): string {
  if (!Number.isFinite(amount)) throw new RangeError(`cannot format ${amount} as money`);
  const code = currency.toUpperCase();
  const shown = displayedAmount(amount);
  const fractionDigits = Math.abs(shown) >= 1_000_000 ? 1 : 0;
  const compact = formatter(`${locale}|${code}|compact|${fractionDigits}`, () =>
    compactFormat(locale, code, fractionDigits),
  );
  return compact
    .formatToParts(shown)
    .map((part) => (part.type === 'compact' && part.value === 'K' ? 'k' : part.value))
    .join('');
}

/**
 * The amount rounded to the step it is shown in, so the magnitude is chosen after rounding
 * (999,500 is "$1M", not "$999.5k"): 1 below a thousand, 1,000 below a million, then a tenth of
 * the million, billion or trillion.
 */
function displayedAmount(amount: number): number {
  const whole = roundMoney(amount, 0);
  if (Math.abs(whole) < 1_000) return whole;
  const thousands = roundMoney(amount, -3);
  if (Math.abs(thousands) < 1_000_000) return thousands;
  let exponent = 6;
  while (exponent < 12 && Math.abs(roundMoney(amount, 1 - exponent)) >= 10 ** (exponent + 3)) {
    exponent += 3;
  }
  return roundMoney(amount, 1 - exponent);
}

function compactFormat(locale: string, currency: string, fractionDigits: number) {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits,
    roundingMode: 'halfExpand',
    // "$0" for −0.4, not "-$0".
    signDisplay: 'negative',
  });
}

/** "$220k–$350k+": en dash between the edges, "+" after an open-ended max. */
export function formatBandRange(
  band: { min: number; max: number; openEnded: boolean },
  currency: string,
  locale: string = DEFAULT_MONEY_LOCALE,
): string {
  const range = `${formatMoneyShort(band.min, currency, locale)}–${formatMoneyShort(band.max, currency, locale)}`;
  return band.openEnded ? `${range}+` : range;
}

/**
 * An amount to its currency's minor unit, for where a verdict turns on it ("$149,999.99" is below
 * a "$150k" minimum): `¥15,000,000`, `KWD 1,234.567`.
 */
export function formatMoneyExact(
  amount: number,
  currency: string,
  locale: string = DEFAULT_MONEY_LOCALE,
): string {
  const code = currency.toUpperCase();
  const decimals = currencyDecimals(code);
  const exact = formatter(
    `${locale}|${code}|exact`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: code,
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
        roundingMode: 'halfExpand',
      }),
  );
  return exact.format(amount);
}
