import type { FieldProblem } from '@rangefinder/contracts';
import type { CsvRecord } from './import-format';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Reads typed values out of one CSV row, collecting a problem per bad column instead of stopping at the first. */
export class CsvRecordReader {
  readonly problems: FieldProblem[] = [];

  constructor(private readonly row: CsvRecord) {}

  text(column: string): string {
    const value = this.row[column];
    if (value === undefined) {
      this.problems.push({ path: column, problem: 'column is missing' });
      return '';
    }
    const trimmed = value.trim();
    if (trimmed === '') this.problems.push({ path: column, problem: 'is empty' });
    return trimmed;
  }

  /** Plain decimal notation only: "1e5" or "120,000" would silently mean something else in another locale. */
  decimal(column: string): number {
    const value = this.text(column);
    if (value === '') return Number.NaN;
    if (!DECIMAL.test(value)) {
      this.problems.push({ path: column, problem: `${JSON.stringify(value)} is not a number` });
      return Number.NaN;
    }
    return Number(value);
  }

  integerBetween(column: string, min: number, max: number): number {
    const value = this.text(column);
    if (value === '') return Number.NaN;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(parsed >= min && parsed <= max)) {
      this.problems.push({
        path: column,
        problem: `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
      });
      return Number.NaN;
    }
    return parsed;
  }
}
