/**
 * The catalogue as plain data: the seed files (seed/*.json) plus the FX table. The files, the
 * database rows and the in-memory `Catalogue` all convert to and from this one structure.
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
  /** Why the zone pays in another currency than its country's (e.g. no rate source for it). */
  currencyReason?: string;
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

/** One imported table of rates: the ECB history, a finance team's CSV, central-bank pegs. */
export interface FxSource {
  /** Unique; an import under the same name replaces the source's rates. */
  name: string;
  /** How the file was read: `ecb` (the ECB euro reference-rate history) or `csv` (date,currency,usdPerUnit). */
  format: string;
  /**
   * The declared fallback: how many days after the table's last date its latest rates stay in
   * force (a table loaded monthly needs ~31). `null`: until replaced, as for a fixed peg.
   */
  maxAgeDays: number | null;
  file: string;
  sha256: string;
  importedAt: string;
  importedBy: string;
}

export interface FxRate {
  currency: string;
  effectiveFrom: string;
  usdPerUnit: number;
  /** The `FxSource` it came from. */
  source: string;
}

/**
 * Dated rates in US dollars per unit, loaded with `rangefinder fx import` (not a catalogue file:
 * the comp team refreshes it without touching the job architecture or zones). USD is the base
 * and has no rows.
 */
export interface FxTable {
  version: string;
  sources: FxSource[];
  rates: FxRate[];
}

/** The catalogue files, as the comp team edits them (seed/*.json). */
export interface CatalogueFiles {
  jobArchitecture: JobArchitectureFile;
  titleAliases: TitleAliasesFile;
  levelCrosswalks: LevelCrosswalksFile;
  payZones: PayZonesFile;
}

export interface CatalogueSnapshot extends CatalogueFiles {
  fxRates: FxTable;
}

export type CatalogueFileKind = keyof CatalogueFiles;

export const CATALOGUE_FILES: Readonly<Record<CatalogueFileKind, string>> = {
  jobArchitecture: 'job-architecture.json',
  titleAliases: 'title-aliases.json',
  levelCrosswalks: 'level-crosswalks.json',
  payZones: 'pay-zones.json',
};

export type CatalogueVersions = Record<keyof CatalogueSnapshot, string>;

export function catalogueVersions(snapshot: CatalogueSnapshot): CatalogueVersions {
  return {
    jobArchitecture: snapshot.jobArchitecture.version,
    titleAliases: snapshot.titleAliases.version,
    levelCrosswalks: snapshot.levelCrosswalks.version,
    payZones: snapshot.payZones.version,
    fxRates: snapshot.fxRates.version,
  };
}
