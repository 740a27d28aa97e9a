import { pipeline, type Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import type { CsvRecord } from './import-format';
import { CliError } from '../cli-error';

/** A data row, or a line csv-parse could not turn into one (bad quoting, wrong column count). */
export type CsvRow =
  | { kind: 'record'; line: number; record: CsvRecord; bytesRead: number }
  | { kind: 'unparseable'; line: number; problem: string };

type UnparseableRow = Extract<CsvRow, { kind: 'unparseable' }>;

interface ParsedRecord {
  record: CsvRecord;
  info: { lines: number; bytes: number };
}

/** `on_skip` is in csv-parse 5.5's runtime but missing from its type declarations. */
type SkippingOptions = Options & { on_skip: (error: Error) => void };

type CsvParseError = Error & { code?: unknown; lines?: unknown; record?: unknown };

function checkHeader(header: string[], requiredColumns: readonly string[]): string[] {
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    const noun = missing.length > 1 ? 'columns' : 'column';
    throw new CliError(
      `the header (line 1) lacks ${noun} ${missing.join(', ')}; it has: ${header.join(', ')}`,
    );
  }
  return header;
}

function unparseableRow(error: CsvParseError, headerLength: number): UnparseableRow {
  const line = typeof error.lines === 'number' ? error.lines : 0;
  const wrongColumnCount =
    error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' && Array.isArray(error.record);
  const problem = wrongColumnCount
    ? `has ${(error.record as unknown[]).length} columns, the header has ${headerLength}`
    : error.message;
  return { kind: 'unparseable', line, problem };
}

function takeSkippedBefore(skipped: UnparseableRow[], line: number): UnparseableRow[] {
  const firstLater = skipped.findIndex((row) => row.line >= line);
  return skipped.splice(0, firstLater === -1 ? skipped.length : firstLater);
}

/**
 * Streams a CSV file row by row with its line number (header = line 1). Lines csv-parse has to
 * skip are handed out in line order among the good rows instead of aborting the file.
 *
 * csv-parse counts physical lines, and a CRLF inside a quoted field as two; numbering stays
 * deterministic for a given file either way, which is what the idempotency key needs.
 */
export async function* readCsvRows(
  input: Readable,
  requiredColumns: readonly string[],
): AsyncGenerator<CsvRow> {
  const skipped: UnparseableRow[] = [];
  let headerLength = 0;
  const options: SkippingOptions = {
    bom: true,
    columns: (header: string[]) => {
      headerLength = header.length;
      return checkHeader(header, requiredColumns);
    },
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvParseError) => skipped.push(unparseableRow(error, headerLength)),
  };
  const parser = parse(options);
  pipeline(input, parser, () => undefined);
  try {
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      const line = parsed.info.lines;
      yield* takeSkippedBefore(skipped, line);
      yield { kind: 'record', line, record: parsed.record, bytesRead: parsed.info.bytes };
    }
    yield* skipped.splice(0);
  } finally {
    parser.destroy();
    input.destroy();
  }
}
