export * from './catalogue-snapshot';
export { normalizeKey } from './matching/normalize';
export {
  Catalogue,
  type JobMatch,
  type JobQuery,
  type LadderLevel,
  type LevelBasis,
  type Location,
  type RoleMatch,
  type RoleQuery,
} from './lookup/catalogue';
export {
  InvalidCatalogueError,
  describeProblem,
  type CatalogueProblem,
} from './seed/catalogue-problems';
export {
  checkCatalogue,
  DEFAULT_FX_COVERAGE_FROM,
  type CatalogueCheckOptions,
} from './seed/catalogue-checks';
export {
  CATALOGUE_SEED_DIR,
  loadCatalogueFiles,
  parseCatalogueFiles,
  parseCatalogueSeed,
} from './seed/load-catalogue-seed';
export type { FxFileFormat } from './fx/fx-file-formats';
export { InvalidFxFileError, type FxImportRequest } from './fx/fx-file';
export { SHIPPED_FX_MANIFEST } from './fx/fx-manifest';
export {
  JobArchitectureSeed,
  JobFamilySeed,
  LadderSeed,
  LevelSeed,
  RoleSeed,
  CareerEdgeSeed,
} from './seed/job-architecture.seed';
export { TitleAliasesSeed, TitleAliasSeed, UnmappedTitleSeed } from './seed/title-aliases.seed';
export { LevelCrosswalksSeed, LevelCrosswalkSeed } from './seed/level-crosswalks.seed';
export { PayZonesSeed, PayZoneSeed, ZoneRuleSeed, SubdivisionSeed } from './seed/pay-zones.seed';
export type { Conversion, FxCoverage, FxQuote } from './fx/fx-rates';
export {
  CATALOGUE_CONTENT_KINDS,
  summarizeCatalogueChange,
  type CatalogueChangeSummary,
  type CatalogueContentKind,
  type KindChange,
} from './persistence/catalogue-change-summary';
export {
  applyCatalogue,
  readCatalogue,
  CATALOGUE_CHANGED_CHANNEL,
  CatalogueNotAppliedError,
  type AppliedCatalogue,
  type ImportedFx,
  type StoredCatalogue,
} from './persistence/catalogue-store';
export * from './persistence/entities';
export { CATALOGUE_MIGRATIONS } from './migrations';
export {
  applyCatalogueFiles,
  importFxFile,
  importFxManifest,
  readStoredCatalogue,
} from './persistence/catalogue-database';
export { CatalogueProvider } from './catalogue.provider';
export { parseLocationText } from './lookup/location-text';
export type { LocationPlacement } from './lookup/zone-map';
