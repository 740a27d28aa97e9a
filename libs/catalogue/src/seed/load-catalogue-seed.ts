import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  CATALOGUE_FILES,
  type CatalogueFileKind,
  type CatalogueSnapshot,
} from '../catalogue-snapshot';
import { checkCatalogue, type CatalogueCheckOptions } from './catalogue-checks';
import {
  InvalidCatalogueError,
  validationProblems,
  type CatalogueProblem,
} from './catalogue-problems';
import { FxRatesSeed } from './fx-rates.seed';
import { JobArchitectureSeed } from './job-architecture.seed';
import { LevelCrosswalksSeed } from './level-crosswalks.seed';
import { PayZonesSeed } from './pay-zones.seed';
import { TitleAliasesSeed } from './title-aliases.seed';

/**
 * The seed shipped in the repository (libs/catalogue/seed), found from the TypeScript sources
 * and from the compiled output in dist/, which does not copy the JSON files.
 */
export const CATALOGUE_SEED_DIR =
  [
    join(__dirname, '..', '..', 'seed'),
    join(__dirname, '..', '..', '..', '..', '..', 'libs', 'catalogue', 'seed'),
  ].find((dir) => existsSync(join(dir, CATALOGUE_FILES.jobArchitecture))) ??
  join(__dirname, '..', '..', 'seed');

const SEED_CLASSES: Record<CatalogueFileKind, ClassConstructor<object>> = {
  jobArchitecture: JobArchitectureSeed,
  titleAliases: TitleAliasesSeed,
  levelCrosswalks: LevelCrosswalksSeed,
  payZones: PayZonesSeed,
  fxRates: FxRatesSeed,
};

const KINDS = Object.keys(CATALOGUE_FILES) as CatalogueFileKind[];

function structuralProblems(kind: CatalogueFileKind, raw: unknown): CatalogueProblem[] {
  const file = CATALOGUE_FILES[kind];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [{ file, path: '', message: 'must be a JSON object' }];
  }
  const instance = plainToInstance(SEED_CLASSES[kind], raw);
  // Unknown fields are errors: in a hand-edited file they are almost always a misspelt field.
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return validationProblems(file, errors);
}

/**
 * Validates the raw content of the five catalogue files (parsed JSON, keyed by kind): first the
 * shape of each file, then the cross-file checks. Throws `InvalidCatalogueError` listing every
 * problem with its file and field path.
 */
export function parseCatalogueSeed(
  raw: Record<CatalogueFileKind, unknown>,
  options: CatalogueCheckOptions = {},
): CatalogueSnapshot {
  const shapeProblems = KINDS.flatMap((kind) => structuralProblems(kind, raw[kind]));
  if (shapeProblems.length > 0) throw new InvalidCatalogueError(shapeProblems);
  // The plain JSON (not the class instances) is the snapshot: it passed validation field by field.
  const snapshot = raw as unknown as CatalogueSnapshot;
  const consistencyProblems = checkCatalogue(snapshot, options);
  if (consistencyProblems.length > 0) throw new InvalidCatalogueError(consistencyProblems);
  return snapshot;
}

async function readJson(dir: string, kind: CatalogueFileKind): Promise<unknown> {
  const file = CATALOGUE_FILES[kind];
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    throw new InvalidCatalogueError([
      { file, path: '', message: `cannot be read from ${dir}: ${(error as Error).message}` },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidCatalogueError([
      { file, path: '', message: `is not valid JSON: ${(error as Error).message}` },
    ]);
  }
}

/** Reads and validates seed/*.json from `dir` (default: the seed shipped with this library). */
export async function loadCatalogueSeed(
  dir: string = CATALOGUE_SEED_DIR,
  options: CatalogueCheckOptions = {},
): Promise<CatalogueSnapshot> {
  // Every file is read before any problem is reported, so the report lists them all, in file
  // order, whichever read happens to fail first.
  const reads = await Promise.allSettled(KINDS.map((kind) => readJson(dir, kind)));
  const problems = reads.flatMap((read) =>
    read.status === 'rejected' && read.reason instanceof InvalidCatalogueError
      ? read.reason.problems
      : [],
  );
  if (problems.length > 0) throw new InvalidCatalogueError(problems);
  const failed = reads.find((read) => read.status === 'rejected');
  if (failed) throw failed.reason;
  const entries = reads.map(
    (read, i) => [KINDS[i], (read as PromiseFulfilledResult<unknown>).value] as const,
  );
  return parseCatalogueSeed(
    Object.fromEntries(entries) as Record<CatalogueFileKind, unknown>,
    options,
  );
}
