import { parse } from 'csv-parse/sync';
import { CURRENCY_PATTERN, isRealDate } from '../patterns';
import { BASE_CURRENCY } from './fx-rates';

export const FX_FILE_FORMATS = ['ecb', 'csv'] as const;
export type FxFileFormat = (typeof FX_FILE_FORMATS)[number];

/** A rate read from a file, before it belongs to a source. */
export interface ParsedRate {
  currency: string;
  effectiveFrom: string;
  usdPerUnit: number;
}

export interface ParsedFxFile {
  rates: ParsedRate[];
  /** `line N, column: problem`, every one found; a file with problems is not imported. */
  problems: string[];
}

// ECB quotes carry 5–6 significant digits; a cross rate kept to 12 loses nothing of them.
const SIGNIFICANT_DIGITS = 12;
const DECIMAL = /^\d+(\.\d+)?$/;

function records(text: string): string[][] {
  return parse(text.replace(/^\uFEFF/, ''), {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as string[][];
}

function positive(raw: string): number | undefined {
  if (!DECIMAL.test(raw)) return undefined;
  const value = Number(raw);
  return value > 0 && Number.isFinite(value) ? value : undefined;
}

/**
 * The ECB's `eurofxref-hist.csv`: `Date` then one column per currency, units of it per euro,
 * `N/A` where not quoted. US dollars per unit of C on a day = USD / C of that row; EUR = USD.
 */
export function parseEcbHistory(text: string): ParsedFxFile {
  const [header, ...rows] = records(text);
  const problems: string[] = [];
  if (!header || header[0] !== 'Date' || !header.includes(BASE_CURRENCY)) {
    return { rates: [], problems: ['line 1: not the ECB layout (Date, USD, … columns)'] };
  }
  const currencies = header.map((code, column) =>
    column > 0 && CURRENCY_PATTERN.test(code) ? code : undefined,
  );
  const usdColumn = header.indexOf(BASE_CURRENCY);
  const rates: ParsedRate[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const date = row[0];
    if (!isRealDate(date)) {
      problems.push(`line ${line}, Date: "${date}" is not a calendar date (YYYY-MM-DD)`);
      return;
    }
    const usdPerEuro = positive(row[usdColumn] ?? '');
    if (usdPerEuro === undefined) {
      problems.push(`line ${line}, USD: "${row[usdColumn]}" is not a rate > 0`);
      return;
    }
    rates.push({ currency: 'EUR', effectiveFrom: date, usdPerUnit: usdPerEuro });
    currencies.forEach((currency, column) => {
      const raw = row[column] ?? '';
      if (currency === undefined || currency === BASE_CURRENCY || raw === 'N/A' || raw === '')
        return;
      const perEuro = positive(raw);
      if (perEuro === undefined) {
        problems.push(`line ${line}, ${currency}: "${raw}" is not a rate > 0 or N/A`);
        return;
      }
      const usdPerUnit = Number((usdPerEuro / perEuro).toPrecision(SIGNIFICANT_DIGITS));
      rates.push({ currency, effectiveFrom: date, usdPerUnit });
    });
  });
  return { rates, problems };
}

/** `date,currency,usdPerUnit` with that header: a finance team's own table, or fixed pegs. */
export function parsePlainRates(text: string): ParsedFxFile {
  const [header, ...rows] = records(text);
  const problems: string[] = [];
  if (!header || header.join(',') !== 'date,currency,usdPerUnit') {
    return { rates: [], problems: ['line 1: the header must be date,currency,usdPerUnit'] };
  }
  const rates: ParsedRate[] = [];
  rows.forEach(([date = '', currency = '', raw = ''], i) => {
    const line = i + 2;
    const before = problems.length;
    if (!isRealDate(date))
      problems.push(`line ${line}, date: "${date}" is not a calendar date (YYYY-MM-DD)`);
    if (!CURRENCY_PATTERN.test(currency))
      problems.push(`line ${line}, currency: "${currency}" is not an ISO 4217 code`);
    else if (currency === BASE_CURRENCY)
      problems.push(`line ${line}, currency: USD is the base (1 by definition), not a rate`);
    const usdPerUnit = positive(raw);
    if (usdPerUnit === undefined)
      problems.push(`line ${line}, usdPerUnit: "${raw}" is not a decimal number > 0`);
    if (problems.length === before)
      rates.push({ currency, effectiveFrom: date, usdPerUnit: usdPerUnit! });
  });
  return { rates, problems };
}

export function parseFxFile(format: FxFileFormat, text: string): ParsedFxFile {
  const parsed = format === 'ecb' ? parseEcbHistory(text) : parsePlainRates(text);
  const seen = new Set<string>();
  for (const rate of parsed.rates) {
    const key = `${rate.currency} ${rate.effectiveFrom}`;
    if (seen.has(key))
      parsed.problems.push(`${key}: more than one rate for this currency and date`);
    seen.add(key);
  }
  return parsed;
}
