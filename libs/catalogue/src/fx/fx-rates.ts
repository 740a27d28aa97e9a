import type { FxRate, FxSource, FxTable } from '../catalogue-snapshot';

export const BASE_CURRENCY = 'USD';

export interface FxQuote {
  /** US dollars per unit of the currency. */
  rate: number;
  /** effectiveFrom of the rate used. */
  asOf: string;
  /** The FX source it came from (`base` for USD itself). */
  source: string;
}

interface Series {
  source: string;
  dates: string[];
  rates: number[];
  /** Last date a rate of this series is in force; undefined: no end. */
  inForceThrough?: string;
  /** Its source stopped quoting it before the source's last date. */
  discontinued: boolean;
}

export interface FxCoverage {
  source: string;
  from: string;
  /** undefined: no end. */
  through?: string;
  discontinued: boolean;
}

export interface Conversion {
  /** Unrounded: rounding is the caller's money rule, not the rate table's. */
  amount: number;
  /** Units of `to` per unit of `from`. */
  rate: number;
  /** The later effectiveFrom of the rates used (cross rates use two). */
  asOf: string;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * When a currency's last rate stops being in force. A currency that its source stopped quoting
 * while the source went on (the ECB's RUB after 2022-03-01) ends on its last date; one quoted to
 * the end of the table stays in force for the source's declared `maxAgeDays` after it.
 */
function inForceThrough(
  lastOfCurrency: string,
  lastOfSource: string,
  source: FxSource | undefined,
): string | undefined {
  if (!source || source.maxAgeDays === null) return undefined;
  if (lastOfCurrency < lastOfSource) return lastOfCurrency;
  return addDays(lastOfSource, source.maxAgeDays);
}

/**
 * The FX table in memory: per currency, its dated rates in order. The rate in force on a date is
 * the latest with effectiveFrom <= date (a weekend keeps Friday's), while its series is in force.
 */
export class FxRates {
  private static readonly built = new WeakMap<FxTable, FxRates>();
  private readonly series = new Map<string, Series>();

  /** One lookup per table object: a catalogue reload that keeps its FX table keeps its rates. */
  static of(table: FxTable): FxRates {
    let rates = FxRates.built.get(table);
    if (!rates) {
      rates = new FxRates(table);
      FxRates.built.set(table, rates);
    }
    return rates;
  }

  constructor(table: FxTable) {
    const sources = new Map(table.sources.map((s) => [s.name, s]));
    // Plain code-unit order (ISO codes and dates): localeCompare costs seconds on 200k rates.
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const byCurrencyAndDate = (a: FxRate, b: FxRate) =>
      order(a.currency, b.currency) || order(a.effectiveFrom, b.effectiveFrom);
    // The store reads them in this order already; sorting a copy is for other callers.
    const sorted = table.rates.every((r, i, all) => i === 0 || byCurrencyAndDate(all[i - 1], r) < 0)
      ? table.rates
      : [...table.rates].sort(byCurrencyAndDate);
    const lastOfSource = new Map<string, string>();
    for (const rate of sorted) {
      let series = this.series.get(rate.currency);
      if (!series) {
        series = { source: rate.source, dates: [], rates: [], discontinued: false };
        this.series.set(rate.currency, series);
      }
      series.dates.push(rate.effectiveFrom);
      series.rates.push(rate.usdPerUnit);
      if ((lastOfSource.get(rate.source) ?? '') < rate.effectiveFrom)
        lastOfSource.set(rate.source, rate.effectiveFrom);
    }
    for (const series of this.series.values()) {
      const last = series.dates[series.dates.length - 1];
      const sourceLast = lastOfSource.get(series.source)!;
      const source = sources.get(series.source);
      series.discontinued = source?.maxAgeDays != null && last < sourceLast;
      series.inForceThrough = inForceThrough(last, sourceLast, source);
    }
  }

  currencies(): string[] {
    return [BASE_CURRENCY, ...this.series.keys()];
  }

  /** First date with a rate in force and the last (undefined: no end); undefined if none stored. */
  coverage(currency: string): FxCoverage | undefined {
    if (currency === BASE_CURRENCY)
      return { source: 'base', from: '0001-01-01', discontinued: false };
    const series = this.series.get(currency);
    if (!series) return undefined;
    const { source, inForceThrough: through, discontinued } = series;
    return { source, from: series.dates[0], through, discontinued };
  }

  /** The rate in force on `isoDate`, or undefined when none is (before the first, after the end). */
  inForce(currency: string, isoDate: string): FxQuote | undefined {
    if (currency === BASE_CURRENCY) return { rate: 1, asOf: isoDate, source: 'base' };
    const series = this.series.get(currency);
    if (!series || (series.inForceThrough !== undefined && isoDate > series.inForceThrough))
      return undefined;
    const { dates, rates } = series;
    let low = 0;
    let high = dates.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (dates[mid] <= isoDate) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found < 0
      ? undefined
      : { rate: rates[found], asOf: dates[found], source: series.source };
  }

  /** Converts through USD at the rates in force on `isoDate`. */
  convert(amount: number, from: string, to: string, isoDate: string): Conversion | undefined {
    const source = this.inForce(from, isoDate);
    if (!source) return undefined;
    if (from === to) return { amount, rate: 1, asOf: source.asOf };
    const target = this.inForce(to, isoDate);
    if (!target) return undefined;
    const rate = source.rate / target.rate;
    // The base currency's "rate" is dated the day asked for; the date that matters is the other's.
    const dates = [source, target].filter((q) => q.source !== 'base').map((q) => q.asOf);
    return { amount: amount * rate, rate, asOf: dates.sort().pop() ?? isoDate };
  }
}
