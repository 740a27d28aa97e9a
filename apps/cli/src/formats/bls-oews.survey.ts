import { Readable } from 'node:stream';
import { Type, plainToInstance } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsString,
  Length,
  Matches,
  ValidateNested,
  validateSync,
} from 'class-validator';
import {
  SOURCE_PATTERN,
  SURVEY_PERCENTILES,
  SurveyRowV1,
  SurveyTableV1,
  fieldProblems,
  type FieldProblem,
  type SurveyPercentile,
} from '@rangefinder/contracts';
import { readCsvRows, type CsvRow } from './csv-rows';
import type { CsvRecord } from './import-format';

export const BLS_OEWS_FORMAT_NAME = 'bls-oews';

export const BLS_OEWS_COLUMNS = [
  'OCC_CODE',
  'OCC_TITLE',
  'O_GROUP',
  'TOT_EMP',
  'A_PCT10',
  'A_PCT25',
  'A_MEDIAN',
  'A_PCT75',
  'A_PCT90',
] as const;

const PERCENTILE_COLUMNS: Record<SurveyPercentile, string> = {
  p10: 'A_PCT10',
  p25: 'A_PCT25',
  p50: 'A_MEDIAN',
  p75: 'A_PCT75',
  p90: 'A_PCT90',
};

/**
 * What the national May 2023 file describes. OEWS May estimates pool six semiannual panels with
 * wages updated to the May reference period, so mid-May is the date to age from.
 */
export const BLS_OEWS_M2023 = {
  title: 'US BLS OEWS national wage percentiles, May 2023',
  country: 'US',
  currency: 'USD',
  referenceDate: '2023-05-15',
} as const;

/** BLS footnote '#': the wage is at or above the top of its published range. */
const TOP_CODED = '#';
const ANNUAL_TOP_CODE = '$239,200';
/** BLS footnotes '*' (wage) and '**' (employment): no estimate published. */
const NOT_PUBLISHED = /^\*+$/;
/** BLS writes amounts with thousands separators: "1,656,880", "61,070". */
const AMOUNT = /^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const SOC_CODE = /^\d{2}-\d{4}$/;

export class BlsOewsOccupationMapping {
  @Matches(SOC_CODE, { message: 'must be a SOC code such as 15-2051' })
  occupationCode: string;

  @IsString()
  @Length(1, 200)
  occupationTitle: string;

  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'must be a catalogue role code such as data-scientist' })
  role: string;

  @Matches(/^[A-Z][A-Z0-9]{0,7}$/, { message: 'must be a catalogue level code such as IC3 or M2' })
  level: string;

  @IsString()
  @Length(1, 2000)
  why: string;
}

/** `deploy/data/bls-oews-role-map.json`: which role and level each SOC occupation stands for. */
export class BlsOewsRoleMap {
  @IsString()
  @Length(1, 32)
  version: string;

  @Matches(SOURCE_PATTERN, { message: 'must be 1-64 characters of a-z 0-9 . _ -' })
  source: string;

  @IsArray()
  @IsString({ each: true })
  notes: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => BlsOewsOccupationMapping)
  mappings: BlsOewsOccupationMapping[];
}

function repeats(
  mappings: readonly BlsOewsOccupationMapping[],
  field: string,
  keyOf: (mapping: BlsOewsOccupationMapping) => string,
): FieldProblem[] {
  const firstIndexOf = new Map<string, number>();
  return mappings.flatMap((mapping, index) => {
    const key = keyOf(mapping);
    const first = firstIndexOf.get(key);
    if (first === undefined) firstIndexOf.set(key, index);
    return first === undefined
      ? []
      : [{ path: `mappings.${index}.${field}`, problem: `repeats mappings.${first} (${key})` }];
  });
}

/**
 * Checks a parsed role-map file. One occupation per cell: a survey table holds one row per role
 * and level, and two occupations for one cell would silently blend into each other.
 */
export function parseBlsOewsRoleMap(raw: unknown): BlsOewsRoleMap | FieldProblem[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return [{ path: '', problem: 'must be a JSON object' }];
  const roleMap = plainToInstance(BlsOewsRoleMap, raw);
  const problems = fieldProblems(
    validateSync(roleMap, { whitelist: true, forbidNonWhitelisted: true }),
  );
  if (problems.length > 0) return problems;
  const repeated = [
    ...repeats(roleMap.mappings, 'occupationCode', (m) => m.occupationCode),
    ...repeats(roleMap.mappings, 'level', (m) => `${m.role} ${m.level}`),
  ];
  return repeated.length > 0 ? repeated : roleMap;
}

type Figure =
  | { kind: 'amount'; amount: number }
  | { kind: 'top-coded' }
  | { kind: 'not-published' }
  | { kind: 'unreadable'; text: string };

function missingText(value: Figure): string {
  return value.kind === 'top-coded'
    ? `is top-coded (annual wage at or above ${ANNUAL_TOP_CODE})`
    : 'is not published';
}

function figure(raw: string | undefined): Figure {
  const text = (raw ?? '').trim();
  if (text === TOP_CODED) return { kind: 'top-coded' };
  if (text === '' || NOT_PUBLISHED.test(text)) return { kind: 'not-published' };
  if (!AMOUNT.test(text)) return { kind: 'unreadable', text };
  return { kind: 'amount', amount: Number(text.replaceAll(',', '')) };
}

/** A survey table ready to send, and what the person loading it should know. */
export interface SurveyTableDraft {
  table: SurveyTableV1;
  /** Occupations mapped but not sent, and points sent as null, each saying why. */
  warnings: string[];
}

interface Occupation {
  line: number;
  record: CsvRecord;
}

class OccupationReading {
  readonly warnings: string[] = [];
  private readonly label: string;

  constructor(
    private readonly mapping: BlsOewsOccupationMapping,
    private readonly occupation: Occupation,
  ) {
    this.label = `${mapping.occupationCode} ${mapping.occupationTitle} (line ${occupation.line})`;
  }

  /** The row for the mapped cell, or undefined when the occupation cannot be sent. */
  row(): SurveyRowV1 | undefined {
    const title = (this.occupation.record.OCC_TITLE ?? '').trim();
    if (title !== this.mapping.occupationTitle)
      this.warn(`the file calls it "${title}"; check that the mapping still means this occupation`);
    const n = this.employment();
    const figures = SURVEY_PERCENTILES.map((point) => ({
      point,
      column: PERCENTILE_COLUMNS[point],
      value: figure(this.occupation.record[PERCENTILE_COLUMNS[point]]),
    }));
    for (const { column, value } of figures)
      if (value.kind === 'unreadable')
        this.warn(`${column} ${JSON.stringify(value.text)} is not an amount; not sent`);
    if (n === undefined || figures.some(({ value }) => value.kind === 'unreadable'))
      return undefined;
    const median = figures.find(({ point }) => point === 'p50')!.value;
    if (median.kind !== 'amount') {
      this.warn(`A_MEDIAN ${missingText(median)}; not sent (a survey row needs a median)`);
      return undefined;
    }
    const points = Object.fromEntries(
      figures.map(({ point, column, value }) => {
        if (value.kind === 'amount') return [point, value.amount];
        this.warn(`${column} ${missingText(value)}; ${point} sent as null`);
        return [point, null];
      }),
    ) as Record<SurveyPercentile, number | null>;
    return Object.assign(new SurveyRowV1(), {
      role: this.mapping.role,
      level: this.mapping.level,
      occupationCode: this.mapping.occupationCode,
      occupationTitle: title || this.mapping.occupationTitle,
      n,
      ...points,
    });
  }

  private employment(): number | undefined {
    const employment = figure(this.occupation.record.TOT_EMP);
    if (
      employment.kind === 'amount' &&
      Number.isInteger(employment.amount) &&
      employment.amount >= 1
    )
      return employment.amount;
    const shown = JSON.stringify(this.occupation.record.TOT_EMP ?? '');
    this.warn(`TOT_EMP ${shown} is not an employment count; not sent`);
    return undefined;
  }

  private warn(problem: string): void {
    this.warnings.push(`${this.label}: ${problem}`);
  }
}

function detailedOccupations(rows: Iterable<CsvRow>, warnings: string[]): Map<string, Occupation> {
  const byCode = new Map<string, Occupation>();
  for (const row of rows) {
    if (row.kind === 'unparseable') {
      warnings.push(`line ${row.line}: ${row.problem}; skipped`);
      continue;
    }
    if (row.record.O_GROUP?.trim() !== 'detailed') continue;
    const code = (row.record.OCC_CODE ?? '').trim();
    const earlier = byCode.get(code);
    if (earlier)
      warnings.push(`line ${row.line}: ${code} repeats line ${earlier.line}; the first is used`);
    else byCode.set(code, { line: row.line, record: row.record });
  }
  return byCode;
}

/**
 * Turns the rows of a BLS OEWS national file into a survey table: one row per mapped detailed
 * occupation, annual percentiles as published. Pure: the caller validates and sends it.
 */
export function blsOewsSurveyTable(
  rows: Iterable<CsvRow>,
  roleMap: BlsOewsRoleMap,
  weight: number,
): SurveyTableDraft {
  const warnings: string[] = [];
  const occupations = detailedOccupations(rows, warnings);
  const surveyRows: SurveyRowV1[] = [];
  for (const mapping of roleMap.mappings) {
    const occupation = occupations.get(mapping.occupationCode);
    if (!occupation) {
      warnings.push(
        `${mapping.occupationCode} ${mapping.occupationTitle}: no detailed occupation with this code in the file; not sent`,
      );
      continue;
    }
    const reading = new OccupationReading(mapping, occupation);
    const row = reading.row();
    warnings.push(...reading.warnings);
    if (row) surveyRows.push(row);
  }
  const table = Object.assign(new SurveyTableV1(), {
    source: roleMap.source,
    ...BLS_OEWS_M2023,
    weight,
    rows: surveyRows,
  });
  return { table, warnings };
}

/** Reads a BLS OEWS CSV (text or stream) with the CLI's CSV reader, then maps it. */
export async function readBlsOewsSurveyTable(
  csv: string | Readable,
  roleMap: BlsOewsRoleMap,
  weight: number,
): Promise<SurveyTableDraft> {
  const input = typeof csv === 'string' ? Readable.from([csv]) : csv;
  const rows: CsvRow[] = [];
  for await (const row of readCsvRows(input, BLS_OEWS_COLUMNS)) rows.push(row);
  return blsOewsSurveyTable(rows, roleMap, weight);
}
