import type { FieldProblem } from '@rangefinder/contracts';

export const BAD_ROWS_SHOWN_IN_FULL = 20;
const BAD_LINES_IN_SUMMARY = 10;

export function describeBadRow(line: number, problems: readonly FieldProblem[]): string {
  return `line ${line}: ${problems.map((p) => (p.path ? `${p.path}: ${p.problem}` : p.problem)).join('; ')}`;
}

/**
 * Bad rows never stop an import. The first ones are printed in full so the file can be fixed;
 * after that they are only counted, so a wholly wrong file does not flood the terminal.
 */
export class BadRowReport {
  private count = 0;
  private readonly firstLines: number[] = [];

  constructor(private readonly print: (line: string) => void) {}

  add(line: number, problems: readonly FieldProblem[]): void {
    this.count += 1;
    if (this.firstLines.length < BAD_LINES_IN_SUMMARY) this.firstLines.push(line);
    if (this.count <= BAD_ROWS_SHOWN_IN_FULL) this.print(describeBadRow(line, problems));
  }

  get badRows(): number {
    return this.count;
  }

  get firstBadLines(): readonly number[] {
    return this.firstLines;
  }

  /** The closing line for rows that were counted but not shown; undefined when all were shown. */
  notShown(): string | undefined {
    const hidden = this.count - BAD_ROWS_SHOWN_IN_FULL;
    return hidden > 0 ? `... and ${hidden} more bad rows not shown` : undefined;
  }
}
