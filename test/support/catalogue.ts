import { SHIPPED_FX_MANIFEST, applyCatalogueFiles, importFxManifest } from '@rangefinder/catalogue';

/**
 * Migrates the catalogue schema, imports the shipped FX tables (deploy/data/fx-sources.json) and
 * applies the shipped seed, as the local stack does with `rangefinder fx import` and
 * `rangefinder catalogue apply`.
 */
export async function seedCatalogue(databaseUrl: string): Promise<void> {
  await importFxManifest(databaseUrl, SHIPPED_FX_MANIFEST, 'e2e');
  await applyCatalogueFiles(databaseUrl, 'e2e');
}
