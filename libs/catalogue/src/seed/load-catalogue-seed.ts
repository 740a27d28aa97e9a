import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  CATALOGUE_FILES,
  type CatalogueFileKind,
  type CatalogueFiles,
  type CatalogueSnapshot,
  type FxTable,
} from '../catalogue-snapshot';
import { checkCatalogue, type CatalogueCheckOptions } from './catalogue-checks';
import {
  InvalidCatalogueError,
  validationProblems,
  type CatalogueProblem,
} from './catalogue-problems';
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
 * Validates the shape of the raw catalogue files (parsed JSON, keyed by kind). Throws
 * `InvalidCatalogueError` listing every problem with its file and field path.
 */
export function parseCatalogueFiles(raw: Record<CatalogueFileKind, unknown>): CatalogueFiles {
  const shapeProblems = KINDS.flatMap((kind) => structuralProblems(kind, raw[kind]));
  if (shapeProblems.length > 0) throw new InvalidCatalogueError(shapeProblems);
  // The plain JSON (not the class instances) is the catalogue: it passed validation field by field.
  return raw as unknown as CatalogueFiles;
}

/** The files' shape, then their consistency with each other and with the FX table. */
export function parseCatalogueSeed(
  raw: Record<CatalogueFileKind, unknown>,
  fxRates: FxTable,
  options: CatalogueCheckOptions = {},
): CatalogueSnapshot {
  const snapshot = { ...parseCatalogueFiles(raw), fxRates };
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

/** Reads seed/*.json from `dir` (default: the seed shipped with this library) and checks their shape. */
export async function loadCatalogueFiles(
  dir: string = CATALOGUE_SEED_DIR,
): Promise<CatalogueFiles> {
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
  return parseCatalogueFiles(Object.fromEntries(entries) as Record<CatalogueFileKind, unknown>);
}
