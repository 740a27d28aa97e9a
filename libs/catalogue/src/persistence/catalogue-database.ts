import { createDataSource, runMigrations } from '@rangefinder/database';
import { CATALOGUE_MIGRATIONS } from '../migrations';
import { readFxFile, type FxImportRequest } from '../fx/fx-file';
import { readFxManifest } from '../fx/fx-manifest';
import { CATALOGUE_SEED_DIR, loadCatalogueFiles } from '../seed/load-catalogue-seed';
import { CATALOGUE_ENTITIES } from './entities';
import {
  applyCatalogue,
  importFx,
  readCatalogue,
  type AppliedCatalogue,
  type ImportedFx,
  type StoredCatalogue,
} from './catalogue-store';

const withCatalogueDatabase = async <T>(
  url: string,
  work: (ds: ReturnType<typeof createDataSource>) => Promise<T>,
): Promise<T> => {
  const dataSource = createDataSource({
    url,
    schema: 'catalogue',
    entities: CATALOGUE_ENTITIES,
    migrations: CATALOGUE_MIGRATIONS,
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, 'catalogue');
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
};

/**
 * Migrates the catalogue schema and applies the catalogue files in `dir` (default: the shipped
 * seed) as a new revision: what `rangefinder catalogue apply` does, without a deploy.
 */
export function applyCatalogueFiles(
  url: string,
  appliedBy: string,
  dir: string = CATALOGUE_SEED_DIR,
): Promise<AppliedCatalogue> {
  return withCatalogueDatabase(url, async (dataSource) =>
    applyCatalogue(dataSource, await loadCatalogueFiles(dir), appliedBy),
  );
}

/** Migrates the catalogue schema and imports one FX file: what `rangefinder fx import` does. */
export async function importFxFile(
  url: string,
  request: FxImportRequest,
  importedBy: string,
): Promise<ImportedFx> {
  const imported = await readFxFile(request);
  return withCatalogueDatabase(url, (dataSource) => importFx(dataSource, imported, importedBy));
}

/** Imports every FX file a manifest lists (deploy/data/fx-sources.json), in its order. */
export async function importFxManifest(
  url: string,
  manifest: string,
  importedBy: string,
): Promise<ImportedFx[]> {
  const imported: ImportedFx[] = [];
  for (const request of readFxManifest(manifest))
    imported.push(await importFxFile(url, request, importedBy));
  return imported;
}

export function readStoredCatalogue(url: string): Promise<StoredCatalogue> {
  return withCatalogueDatabase(url, readCatalogue);
}
