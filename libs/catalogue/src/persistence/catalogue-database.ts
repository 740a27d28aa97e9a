import { createDataSource, runMigrations } from '@rangefinder/database';
import { CATALOGUE_MIGRATIONS } from '../migrations';
import { CATALOGUE_SEED_DIR, loadCatalogueSeed } from '../seed/load-catalogue-seed';
import { CATALOGUE_ENTITIES } from './entities';
import {
  applyCatalogue,
  readCatalogue,
  type AppliedCatalogue,
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
    applyCatalogue(dataSource, await loadCatalogueSeed(dir), appliedBy),
  );
}

export function readStoredCatalogue(url: string): Promise<StoredCatalogue> {
  return withCatalogueDatabase(url, readCatalogue);
}
