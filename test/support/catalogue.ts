import { applyCatalogueFiles } from '@rangefinder/catalogue';

/** Migrates the catalogue schema and applies the shipped seed, as `rangefinder catalogue apply` does. */
export async function seedCatalogue(databaseUrl: string): Promise<void> {
  await applyCatalogueFiles(databaseUrl, 'e2e');
}
