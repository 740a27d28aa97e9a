import { CATALOGUE_ENTITIES, CATALOGUE_MIGRATIONS, applyCatalogue, loadCatalogueSeed } from '@rangefinder/catalogue';
import { createDataSource, runMigrations } from '@rangefinder/database';

/** Migrates the catalogue schema and applies the shipped seed, as `rangefinder catalogue apply` does. */
export async function seedCatalogue(databaseUrl: string): Promise<void> {
  const dataSource = createDataSource({ url: databaseUrl, schema: 'catalogue', entities: CATALOGUE_ENTITIES, migrations: CATALOGUE_MIGRATIONS });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, 'catalogue');
    await applyCatalogue(dataSource, await loadCatalogueSeed(), 'e2e');
  } finally {
    await dataSource.destroy();
  }
}
