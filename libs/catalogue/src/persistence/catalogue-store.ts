import { notifyChange } from '@rangefinder/database';
import type { DataSource, EntityManager } from 'typeorm';
import {
  catalogueVersions,
  type CatalogueFiles,
  type CatalogueSnapshot,
  type CatalogueVersions,
  type FxTable,
} from '../catalogue-snapshot';
import { readFxTable, storeFxSource, type FxSourceImport } from '../fx/fx-store';
import { checkCatalogue, type CatalogueCheckOptions } from '../seed/catalogue-checks';
import { InvalidCatalogueError } from '../seed/catalogue-problems';
import { summarizeCatalogueChange, type CatalogueChangeSummary } from './catalogue-change-summary';
import { readCatalogueRows, type StoredCatalogue } from './catalogue-read';
import { deleteCatalogueRows, notesOf, writeCatalogueRows } from './catalogue-rows';

export type { StoredCatalogue } from './catalogue-read';

/** Postgres channel notified with the new revision id after every application, on commit. */
export const CATALOGUE_CHANGED_CHANNEL = 'catalogue_changed';

export class CatalogueNotAppliedError extends Error {
  constructor() {
    super('The catalogue is empty: no revision has been applied yet (apply the seed files first).');
    this.name = 'CatalogueNotAppliedError';
  }
}

/** Serializes catalogue applications and FX imports: each checks the zones against the rates. */
const APPLY_LOCK = 'rangefinder:catalogue:apply';

export interface AppliedCatalogue {
  /** The id of the new row in catalogue.revisions. */
  revision: number;
  appliedAt: Date;
  versions: CatalogueVersions;
  summary: CatalogueChangeSummary;
}

export interface ImportedFx {
  source: string;
  rates: number;
  currencies: string[];
  /** The revision recorded for the change; undefined while no catalogue has been applied. */
  applied?: AppliedCatalogue;
}

function lockCatalogue(manager: EntityManager): Promise<unknown> {
  return manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [APPLY_LOCK]);
}

function checked(snapshot: CatalogueSnapshot, options: CatalogueCheckOptions): CatalogueSnapshot {
  const problems = checkCatalogue(snapshot, options);
  if (problems.length > 0) throw new InvalidCatalogueError(problems);
  return snapshot;
}

/** Records `next` as a new revision and notifies `catalogue_changed` with its id, on commit. */
async function recordRevision(
  manager: EntityManager,
  previous: StoredCatalogue | undefined,
  next: CatalogueSnapshot,
  appliedBy: string,
): Promise<AppliedCatalogue> {
  const summary = summarizeCatalogueChange(previous?.snapshot, next);
  const versions = catalogueVersions(next);
  const [revision] = await manager.query<{ id: number; applied_at: Date }[]>(
    `INSERT INTO catalogue.revisions (applied_by, versions, summary, notes)
     VALUES ($1, $2, $3, $4) RETURNING id, applied_at`,
    [appliedBy, JSON.stringify(versions), JSON.stringify(summary), JSON.stringify(notesOf(next))],
  );
  await notifyChange(manager, CATALOGUE_CHANGED_CHANNEL, { revision: revision.id });
  return { revision: revision.id, appliedAt: revision.applied_at, versions, summary };
}

/**
 * Replaces the stored catalogue files with `files` in one transaction (the files are the truth)
 * and records a revision. The files and the stored FX rates are checked together first; a problem
 * throws `InvalidCatalogueError` and changes nothing.
 */
export async function applyCatalogue(
  dataSource: DataSource,
  files: CatalogueFiles,
  appliedBy: string,
  options: CatalogueCheckOptions = {},
): Promise<AppliedCatalogue> {
  return dataSource.transaction(async (manager) => {
    // Two concurrent applications would each diff against the same previous state.
    await lockCatalogue(manager);
    const previous = await readCatalogueRows(manager);
    // An application does not change the rates: the ones just read with `previous` are current.
    const fxRates = previous?.snapshot.fxRates ?? (await readFxTable(manager));
    const next = checked({ ...files, fxRates }, options);
    await deleteCatalogueRows(manager);
    await writeCatalogueRows(manager, next);
    return recordRevision(manager, previous, next, appliedBy);
  });
}

/**
 * Stores one FX source (see `storeFxSource`) and, once a catalogue exists, checks its zones
 * against the new rates and records the change as a revision, so every service reloads.
 */
export async function importFx(
  dataSource: DataSource,
  imported: FxSourceImport,
  importedBy: string,
  options: CatalogueCheckOptions = {},
): Promise<ImportedFx> {
  return dataSource.transaction(async (manager) => {
    await lockCatalogue(manager);
    const previous = await readCatalogueRows(manager);
    await storeFxSource(manager, imported, importedBy);
    const result: ImportedFx = {
      source: imported.name,
      rates: imported.rates.length,
      currencies: [...new Set(imported.rates.map((r) => r.currency))].sort(),
    };
    if (!previous) return result;
    const next = checked({ ...previous.snapshot, fxRates: await readFxTable(manager) }, options);
    return { ...result, applied: await recordRevision(manager, previous, next, importedBy) };
  });
}

/**
 * The stored catalogue as of its latest revision, read in one consistent snapshot. Throws
 * `CatalogueNotAppliedError` before the first application. A reader that holds the FX table of
 * an earlier revision passes it: the ~200k rates are read again only when they changed.
 */
export async function readCatalogue(
  dataSource: DataSource,
  heldFx?: FxTable,
): Promise<StoredCatalogue> {
  const stored = await dataSource.transaction('REPEATABLE READ', (manager) =>
    readCatalogueRows(manager, heldFx),
  );
  if (!stored) throw new CatalogueNotAppliedError();
  return stored;
}
