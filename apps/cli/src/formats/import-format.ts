import type { DatapointV1, FieldProblem } from '@rangefinder/contracts';

/** One CSV data row as csv-parse gives it with `columns: true`: header name -> raw text. */
export type CsvRecord = Readonly<Record<string, string | undefined>>;

/**
 * How one file layout becomes `comp.datapoints.v1` observations. A format only maps; the
 * import validates every datapoint against the contract before it is sent.
 */
export interface ImportFormat {
  readonly name: string;
  /** Recorded as `source` on every datapoint; with the line number it forms the idempotency key. */
  readonly source: string;
  /** Header columns the mapping reads; a file without them is refused before any row is sent. */
  readonly requiredColumns: readonly string[];
  toDatapoint(row: CsvRecord, lineNumber: number): DatapointV1 | FieldProblem[];
}

/** Builds a format for one import; `source` names where the observations came from. */
export interface ImportFormatDefinition {
  readonly name: string;
  readonly summary: string;
  create(source: string): ImportFormat;
}

export function isRowProblems(mapped: DatapointV1 | FieldProblem[]): mapped is FieldProblem[] {
  return Array.isArray(mapped);
}
