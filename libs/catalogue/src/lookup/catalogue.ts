import {
  catalogueVersions,
  type CareerEdge,
  type CatalogueSnapshot,
  type CatalogueVersions,
  type FxTable,
  type JobFamily,
  type Ladder,
  type LevelDef,
  type PayZone,
  type RoleDef,
} from '../catalogue-snapshot';
import { FxRates, type Conversion, type FxCoverage, type FxQuote } from '../fx/fx-rates';
import { BoundedMemo } from './bounded-memo';
import { ZoneMap, type LocationPlacement } from './zone-map';
import type { Location } from './location-text';
import { normalizeKey } from '../matching/normalize';

export interface RoleMatch {
  role: RoleDef;
  /** Set when the title itself names the level ("Senior Data Scientist" -> IC4). */
  fixedLevel?: string;
}

export interface RoleQuery {
  title?: string;
  role?: string;
}

/** Where a resolved level came from, in order of precedence. */
export type LevelBasis = 'canonical' | 'title' | 'crosswalk';

export interface JobQuery extends RoleQuery {
  source: string;
  level: string;
}

export interface JobMatch {
  role: RoleDef;
  /** Undefined when the level cannot be resolved for this role (UNMAPPED_LEVEL). */
  level?: string;
  levelBasis?: LevelBasis;
}

export type { Location } from './location-text';

export interface LadderLevel extends LevelDef {
  ladder: string;
}

const MEMO_CAPACITY = 20_000;

/**
 * The catalogue in memory, for the ingest hot path: every lookup is a Map access on keys
 * normalized once at build time. Built from a `CatalogueSnapshot` (seed files or database rows)
 * that has already passed `checkCatalogue`.
 */
export class Catalogue {
  readonly versions: CatalogueVersions;
  readonly families: readonly JobFamily[];
  readonly ladders: readonly Ladder[];
  readonly roles: readonly RoleDef[];
  readonly levels: readonly LadderLevel[];
  readonly careerEdges: readonly CareerEdge[];
  readonly zones: readonly PayZone[];
  readonly anchorZone: PayZone;
  /** The FX table it converts with, as read (a reload of the same FX version reuses it). */
  readonly fxTable: FxTable;

  private readonly roleByCode = new Map<string, RoleMatch>();
  private readonly ladderByCode = new Map<string, Ladder>();
  private readonly aliasByTitle = new Map<string, RoleMatch>();
  private readonly unmappedByTitle = new Map<string, string>();
  /** ladder -> upper-case level code -> level code */
  private readonly canonicalLevels = new Map<string, Map<string, string>>();
  /** `${source}|${ladder}` -> upper-case source level -> level code */
  private readonly crosswalks = new Map<string, Map<string, string>>();
  private readonly fx: FxRates;
  private readonly zoneMap: ZoneMap;
  private readonly titleMemo = new BoundedMemo<RoleMatch | null>(MEMO_CAPACITY);

  constructor(snapshot: CatalogueSnapshot) {
    const { jobArchitecture, titleAliases, levelCrosswalks, payZones, fxRates } = snapshot;
    this.versions = catalogueVersions(snapshot);
    this.families = jobArchitecture.families.map((f) => Object.freeze({ ...f }));
    this.ladders = jobArchitecture.ladders.map((l) =>
      Object.freeze({
        ...l,
        levels: [...l.levels].sort((a, b) => a.rank - b.rank).map((v) => Object.freeze({ ...v })),
      }),
    );
    this.roles = jobArchitecture.roles.map((r) => Object.freeze({ ...r }));
    this.careerEdges = jobArchitecture.careerEdges.map((e) => Object.freeze({ ...e }));
    this.levels = this.ladders.flatMap((l) =>
      l.levels.map((v) => Object.freeze({ ...v, ladder: l.code })),
    );
    this.zones = payZones.zones.map((z) =>
      Object.freeze({ ...z, rules: z.rules.map((r) => Object.freeze({ ...r })) }),
    );

    for (const ladder of this.ladders) {
      this.ladderByCode.set(ladder.code, ladder);
      this.canonicalLevels.set(
        ladder.code,
        new Map(ladder.levels.map((l) => [l.code.toUpperCase(), l.code])),
      );
    }
    for (const role of this.roles) this.roleByCode.set(role.code, Object.freeze({ role }));
    for (const alias of titleAliases.aliases) {
      const match = this.roleByCode.get(alias.role);
      if (!match) continue;
      const entry =
        alias.level === undefined
          ? match
          : Object.freeze({ role: match.role, fixedLevel: alias.level });
      this.aliasByTitle.set(normalizeKey(alias.title), entry);
    }
    for (const u of titleAliases.unmapped)
      this.unmappedByTitle.set(normalizeKey(u.title), u.reason);
    for (const row of levelCrosswalks.crosswalks) {
      const key = `${row.source}|${row.ladder}`;
      let levels = this.crosswalks.get(key);
      if (!levels) {
        levels = new Map();
        this.crosswalks.set(key, levels);
      }
      levels.set(row.sourceLevel.toUpperCase(), row.level);
    }

    this.zoneMap = new ZoneMap(this.zones, payZones.subdivisions);
    this.anchorZone = this.zoneMap.anchor(payZones.anchor);

    this.fxTable = fxRates;
    this.fx = FxRates.of(fxRates);
  }

  static fromSnapshot(snapshot: CatalogueSnapshot): Catalogue {
    return new Catalogue(snapshot);
  }

  role(code: string): RoleDef | undefined {
    return this.roleByCode.get(code)?.role;
  }

  ladder(code: string): Ladder | undefined {
    return this.ladderByCode.get(code);
  }

  zone(code: string): PayZone | undefined {
    return this.zoneMap.zone(code);
  }

  /** City rule, then region rule, then the country's catch-all; undefined for an unknown location. */
  resolveZone(location: Location): PayZone | undefined {
    return this.zoneMap.resolveZone(location);
  }

  /** A typed location or a zone code to its zone (see `ZoneMap.placeLocationText`). */
  placeLocationText(text: string): LocationPlacement {
    return this.zoneMap.placeLocationText(text);
  }

  /** A known canonical role code wins; otherwise the title goes through the aliases. */
  resolveRole(query: RoleQuery): RoleMatch | undefined {
    if (query.role !== undefined) {
      const byCode = this.roleByCode.get(query.role);
      if (byCode) return byCode;
    }
    if (query.title === undefined) return undefined;
    const remembered = this.titleMemo.get(query.title);
    if (remembered !== undefined) return remembered ?? undefined;
    const match = this.aliasByTitle.get(normalizeKey(query.title));
    this.titleMemo.set(query.title, match ?? null);
    return match;
  }

  /** Why a title was deliberately left unmapped, for the rejection message; undefined if it was not. */
  unmappedReason(title: string): string | undefined {
    return this.unmappedByTitle.get(normalizeKey(title));
  }

  /** A canonical level of the role's ladder as-is (any case); otherwise the source's crosswalk for that ladder. */
  resolveLevel(source: string, rawLevel: string, role: RoleDef | string): string | undefined {
    const ladder = typeof role === 'string' ? this.roleByCode.get(role)?.role.ladder : role.ladder;
    if (ladder === undefined) return undefined;
    const upper = rawLevel.toUpperCase();
    return (
      this.canonicalLevels.get(ladder)?.get(upper) ??
      this.crosswalks.get(`${source}|${ladder}`)?.get(upper)
    );
  }

  /**
   * Role and level of one datapoint. Level precedence: an explicit canonical level (the sender
   * knows the person's level), then a level fixed by the title, then the source's crosswalk.
   */
  resolveJob(query: JobQuery): JobMatch | undefined {
    const match = this.resolveRole(query);
    if (!match) return undefined;
    const { role } = match;
    const upper = query.level.toUpperCase();
    const canonical = this.canonicalLevels.get(role.ladder)?.get(upper);
    if (canonical !== undefined) return { role, level: canonical, levelBasis: 'canonical' };
    if (match.fixedLevel !== undefined)
      return { role, level: match.fixedLevel, levelBasis: 'title' };
    const crosswalked = this.crosswalks.get(`${query.source}|${role.ladder}`)?.get(upper);
    return crosswalked === undefined
      ? { role }
      : { role, level: crosswalked, levelBasis: 'crosswalk' };
  }

  /**
   * What is wrong with a role and level as someone gave them — an unknown role, or a level off
   * the role's ladder — as field problems under the given paths; empty when the job exists.
   */
  jobProblems(
    role: string,
    level: string,
    paths: { role: string; level: string } = { role: 'role', level: 'level' },
  ): { path: string; problem: string }[] {
    const def = this.roleByCode.get(role)?.role;
    if (!def) return [{ path: paths.role, problem: `"${role}" is not a role of the catalogue` }];
    const onLadder = this.ladderByCode.get(def.ladder)?.levels.some((l) => l.code === level);
    return onLadder
      ? []
      : [{ path: paths.level, problem: `"${level}" is not a level of ${role}'s ladder` }];
  }

  /** The rate in force on `isoDate` (see `FxRates`), or undefined when none is. */
  fxUsdPerUnit(currency: string, isoDate: string): FxQuote | undefined {
    return this.fx.inForce(currency, isoDate);
  }

  /** When `currency` has rates in force, and from which source; undefined when it has none. */
  fxCoverage(currency: string): FxCoverage | undefined {
    return this.fx.coverage(currency);
  }

  /** Converts through USD at the rates in force on `isoDate`. */
  convert(amount: number, from: string, to: string, isoDate: string): Conversion | undefined {
    return this.fx.convert(amount, from, to, isoDate);
  }
}
