import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FxTable } from '../catalogue-snapshot';
import { readFxFile, type FxImportRequest } from './fx-file';
import { FX_FILE_FORMATS, type FxFileFormat } from './fx-file-formats';

/**
 * The FX tables shipped with the repository (deploy/data/fx-sources.json), found from the
 * TypeScript sources and from the compiled output in dist/.
 */
export const SHIPPED_FX_MANIFEST =
  [
    join(__dirname, '..', '..', '..', '..', 'deploy', 'data', 'fx-sources.json'),
    join(__dirname, '..', '..', '..', '..', '..', 'deploy', 'data', 'fx-sources.json'),
  ].find((path) => existsSync(path)) ??
  join(__dirname, '..', '..', '..', '..', 'deploy', 'data', 'fx-sources.json');

const SOURCE_NAME = /^[a-z0-9._-]{1,64}$/;

/**
 * A list of FX imports as data (deploy/data/fx-sources.json): what the local stack, the demo
 * and the tests load, in order, each as `rangefinder fx import` would. Files are relative to it.
 */
export function readFxManifest(path: string): FxImportRequest[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { imports?: unknown };
  if (!Array.isArray(raw.imports)) throw new Error(`${path}: "imports" must be a list`);
  return raw.imports.map((entry: Record<string, unknown>, i) => {
    const where = `${path}: imports[${i}]`;
    const { file, format, source, maxAgeDays } = entry;
    if (typeof file !== 'string' || file === '')
      throw new Error(`${where}.file must be a file name`);
    if (!FX_FILE_FORMATS.includes(format as FxFileFormat))
      throw new Error(`${where}.format must be one of ${FX_FILE_FORMATS.join(', ')}`);
    if (typeof source !== 'string' || !SOURCE_NAME.test(source))
      throw new Error(`${where}.source must be a lower-case name (a-z, 0-9, . _ -)`);
    if (maxAgeDays !== null && !(Number.isInteger(maxAgeDays) && (maxAgeDays as number) >= 0))
      throw new Error(`${where}.maxAgeDays must be a whole number of days or null`);
    return {
      file: resolve(dirname(path), file),
      format: format as FxFileFormat,
      source,
      maxAgeDays: maxAgeDays as number | null,
    };
  });
}

/** The tables a manifest lists, read as if imported in its order (for specs and previews). */
export async function readFxManifestTable(path: string = SHIPPED_FX_MANIFEST): Promise<FxTable> {
  const sources = await Promise.all(readFxManifest(path).map(readFxFile));
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    version: `manifest ${path}`,
    sources: sources.map(({ rates: _rates, ...source }) => ({
      ...source,
      importedAt: new Date(0).toISOString(),
      importedBy: 'manifest',
    })),
    rates: sources
      .flatMap((s) => s.rates.map((rate) => ({ ...rate, source: s.name })))
      .sort((a, b) => order(a.currency, b.currency) || order(a.effectiveFrom, b.effectiveFrom)),
  };
}
