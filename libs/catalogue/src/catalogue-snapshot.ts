/**
 * The catalogue as plain data, in exactly the shape of the seed files (seed/*.json). The files,
 * the database rows and the in-memory `Catalogue` all convert to and from this one structure.
 */

export const LADDER_KINDS = ['individual-contributor', 'management', 'executive'] as const;
export type LadderKind = (typeof LADDER_KINDS)[number];

export const CAREER_EDGE_KINDS = ['entry-from', 'advance-to', 'lateral'] as const;
export type CareerEdgeKind = (typeof CAREER_EDGE_KINDS)[number];

export interface JobFamily {
  code: string;
  name: string;
}

export interface LevelDef {
  code: string;
  name: string;
  rank: number;
}

export interface Ladder {
  code: string;
  name: string;
  kind: LadderKind;
  levels: LevelDef[];
}

export interface RoleDef {
  code: string;
  name: string;
  family: string;
  ladder: string;
}

export interface CareerEdge {
  from: string;
  to: string;
  kind: CareerEdgeKind;
}

export interface JobArchitectureFile {
  version: string;
  notes?: string[];
  families: JobFamily[];
  ladders: Ladder[];
  roles: RoleDef[];
  careerEdges: CareerEdge[];
}

export interface TitleAlias {
  title: string;
  role: string;
  level?: string;
}

export interface UnmappedTitle {
  title: string;
  reason: string;
}

export interface TitleAliasesFile {
  version: string;
  notes?: string[];
  aliases: TitleAlias[];
  unmapped: UnmappedTitle[];
}

export interface LevelCrosswalk {
  source: string;
  sourceLevel: string;
  ladder: string;
  level: string;
}

export interface LevelCrosswalksFile {
  version: string;
  notes?: string[];
  crosswalks: LevelCrosswalk[];
}

export interface ZoneRule {
  country: string;
  region?: string;
  city?: string;
}

export interface PayZone {
  code: string;
  name: string;
  country: string;
  currency: string;
  differential: number;
  catchAll: boolean;
  rules: ZoneRule[];
}

/** An ISO 3166-2 subdivision, listed so a region can be given by its English name as well as its code. */
export interface Subdivision {
  country: string;
  code: string;
  name: string;
}

export interface PayZonesFile {
  version: string;
  notes?: string[];
  anchor: string;
  subdivisions: Subdivision[];
  zones: PayZone[];
}

export interface FxRate {
  currency: string;
  effectiveFrom: string;
  usdPerUnit: number;
  source: string;
}

export interface FxRatesFile {
  version: string;
  notes?: string[];
  base: 'USD';
  rates: FxRate[];
}

export interface CatalogueSnapshot {
  jobArchitecture: JobArchitectureFile;
  titleAliases: TitleAliasesFile;
  levelCrosswalks: LevelCrosswalksFile;
  payZones: PayZonesFile;
  fxRates: FxRatesFile;
}

export type CatalogueFileKind = keyof CatalogueSnapshot;

export const CATALOGUE_FILES: Readonly<Record<CatalogueFileKind, string>> = {
  jobArchitecture: 'job-architecture.json',
  titleAliases: 'title-aliases.json',
  levelCrosswalks: 'level-crosswalks.json',
  payZones: 'pay-zones.json',
  fxRates: 'fx-rates.json',
};

export type CatalogueVersions = Record<CatalogueFileKind, string>;

export function catalogueVersions(snapshot: CatalogueSnapshot): CatalogueVersions {
  return {
    jobArchitecture: snapshot.jobArchitecture.version,
    titleAliases: snapshot.titleAliases.version,
    levelCrosswalks: snapshot.levelCrosswalks.version,
    payZones: snapshot.payZones.version,
    fxRates: snapshot.fxRates.version,
  };
}
