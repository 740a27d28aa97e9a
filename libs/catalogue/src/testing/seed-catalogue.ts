import type { CatalogueSnapshot } from '../catalogue-snapshot';
import { readFxManifestTable } from '../fx/fx-manifest';
import { checkCatalogue } from '../seed/catalogue-checks';
import { InvalidCatalogueError } from '../seed/catalogue-problems';
import { loadCatalogueFiles } from '../seed/load-catalogue-seed';

let shipped: Promise<CatalogueSnapshot> | undefined;

/**
 * The shipped catalogue seed with the shipped FX tables, as a service holds it after the local
 * stack's set-up: for specs, read once per test file and checked like `catalogue apply` checks.
 */
export function seedCatalogue(): Promise<CatalogueSnapshot> {
  shipped ??= (async () => {
    const snapshot = { ...(await loadCatalogueFiles()), fxRates: await readFxManifestTable() };
    const problems = checkCatalogue(snapshot);
    if (problems.length > 0) throw new InvalidCatalogueError(problems);
    return snapshot;
  })();
  return shipped;
}
