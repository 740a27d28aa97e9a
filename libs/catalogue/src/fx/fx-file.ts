import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseFxFile, type FxFileFormat } from './fx-file-formats';
import type { FxSourceImport } from './fx-store';

/** What `rangefinder fx import` is told: the file, how to read it, and the source's policy. */
export interface FxImportRequest {
  file: string;
  format: FxFileFormat;
  /** The source's name; an import under the same name replaces it. */
  source: string;
  /** How long after the table's last date its latest rates stay in force; null: until replaced. */
  maxAgeDays: number | null;
}

export class InvalidFxFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 20);
    const more =
      problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    super(
      `${file}: ${problems.length} problem(s), nothing imported:\n  ${shown.join('\n  ')}${more}`,
    );
    this.name = 'InvalidFxFileError';
  }
}

/** Reads and checks a rate file; throws `InvalidFxFileError` naming every line at fault. */
export async function readFxFile(request: FxImportRequest): Promise<FxSourceImport> {
  const bytes = await readFile(request.file);
  const { rates, problems } = parseFxFile(request.format, bytes.toString('utf8'));
  if (problems.length === 0 && rates.length === 0) problems.push('the file holds no rates');
  if (problems.length > 0) throw new InvalidFxFileError(request.file, problems);
  return {
    name: request.source,
    format: request.format,
    maxAgeDays: request.maxAgeDays,
    file: basename(request.file),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    rates,
  };
}
