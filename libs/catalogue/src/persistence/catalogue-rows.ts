import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  CATALOGUE_FILES,
  type CatalogueFileKind,
  type CatalogueFiles,
  type CatalogueSnapshot,
  type Ladder,
  type PayZone,
} from '../catalogue-snapshot';
import { readFxTable } from '../fx/fx-store';
import { normalizeKey } from '../matching/normalize';
import { RegionIndex } from '../matching/region-index';
import {
  CareerEdgeEntity,
  CatalogueRevisionEntity,
  JobFamilyEntity,
  LadderEntity,
  LevelCrosswalkEntity,
  LevelEntity,
  PayZoneEntity,
  RoleEntity,
  SubdivisionEntity,
  TitleAliasEntity,
  UnmappedTitleEntity,
  ZoneRuleEntity,
  type CatalogueNotes,
} from './entities';

// The catalogue files as relational rows, written and read back in their file order. FX rates are
// not among them: `fx import` keeps them (fx/fx-store.ts), and a read includes them.

const INSERT_CHUNK = 1000;

/** Children before parents, so foreign keys hold at every step. */
const TABLES_IN_DELETE_ORDER = [
  'zone_rules',
  'pay_zones',
  'subdivisions',
  'level_crosswalks',
  'unmapped_titles',
  'title_aliases',
  'career_edges',
  'roles',
  'levels',
  'ladders',
  'job_families',
];

export interface StoredCatalogue {
  revision: number;
  appliedAt: Date;
  appliedBy: string;
  snapshot: CatalogueSnapshot;
}

export async function deleteCatalogueRows(manager: EntityManager): Promise<void> {
  for (const table of TABLES_IN_DELETE_ORDER) await manager.query(`DELETE FROM catalogue.${table}`);
}

async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await manager.insert(entity, rows.slice(start, start + INSERT_CHUNK));
  }
}

export async function writeCatalogueRows(
  manager: EntityManager,
  snapshot: CatalogueFiles,
): Promise<void> {
  const { jobArchitecture, titleAliases, levelCrosswalks, payZones } = snapshot;
  const ladderOfRole = new Map(jobArchitecture.roles.map((r) => [r.code, r.ladder]));
  const regions = new RegionIndex(payZones.subdivisions);

  await insertRows(
    manager,
    JobFamilyEntity,
    jobArchitecture.families.map((f, position) => ({ ...f, position })),
  );
  await insertRows(
    manager,
    LadderEntity,
    jobArchitecture.ladders.map((l, position) => ({
      code: l.code,
      name: l.name,
      kind: l.kind,
      position,
    })),
  );
  await insertRows(
    manager,
    LevelEntity,
    jobArchitecture.ladders.flatMap((l) =>
      l.levels.map((v, position) => ({
        ladderCode: l.code,
        code: v.code,
        name: v.name,
        rank: v.rank,
        position,
      })),
    ),
  );
  await insertRows(
    manager,
    RoleEntity,
    jobArchitecture.roles.map((r, position) => ({
      code: r.code,
      name: r.name,
      familyCode: r.family,
      ladderCode: r.ladder,
      position,
    })),
  );
  await insertRows(
    manager,
    CareerEdgeEntity,
    jobArchitecture.careerEdges.map((e, position) => ({
      fromRole: e.from,
      toRole: e.to,
      kind: e.kind,
      position,
    })),
  );
  await insertRows(
    manager,
    TitleAliasEntity,
    titleAliases.aliases.map((a, position) => ({
      titleKey: normalizeKey(a.title),
      title: a.title,
      roleCode: a.role,
      ladderCode: ladderOfRole.get(a.role) ?? '',
      levelCode: a.level ?? null,
      position,
    })),
  );
  await insertRows(
    manager,
    UnmappedTitleEntity,
    titleAliases.unmapped.map((u, position) => ({
      titleKey: normalizeKey(u.title),
      title: u.title,
      reason: u.reason,
      position,
    })),
  );
  await insertRows(
    manager,
    LevelCrosswalkEntity,
    levelCrosswalks.crosswalks.map((c, position) => ({
      source: c.source,
      sourceLevel: c.sourceLevel,
      ladderCode: c.ladder,
      levelCode: c.level,
      position,
    })),
  );
  await insertRows(
    manager,
    SubdivisionEntity,
    payZones.subdivisions.map((s, position) => ({ ...s, position })),
  );
  await insertRows(
    manager,
    PayZoneEntity,
    payZones.zones.map((z, position) => ({
      code: z.code,
      name: z.name,
      country: z.country,
      currency: z.currency,
      currencyReason: z.currencyReason ?? null,
      differential: String(z.differential),
      catchAll: z.catchAll,
      isAnchor: z.code === payZones.anchor,
      position,
    })),
  );
  await insertRows(
    manager,
    ZoneRuleEntity,
    payZones.zones.flatMap((z) =>
      z.rules.map((rule, position) => ({
        zoneCode: z.code,
        position,
        country: rule.country,
        region: rule.region ?? null,
        city: rule.city ?? null,
        regionKey:
          rule.region === undefined ? '' : (regions.resolve(rule.country, rule.region) ?? ''),
        cityKey: rule.city === undefined ? '' : normalizeKey(rule.city),
      })),
    ),
  );
}

function byPosition<T extends { position: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.position - b.position);
}

/** The latest revision and its contents, or undefined before the first application. */
export async function readCatalogueRows(
  manager: EntityManager,
): Promise<StoredCatalogue | undefined> {
  const [revision] = await manager.find(CatalogueRevisionEntity, {
    order: { id: 'DESC' },
    take: 1,
  });
  if (!revision) return undefined;
  const order = { position: 'ASC' } as const;
  // One after another: a transaction is one connection, and pg no longer queues concurrent queries on it.
  const families = await manager.find(JobFamilyEntity, { order });
  const ladders = await manager.find(LadderEntity, { order });
  const levels = await manager.find(LevelEntity, { order: { ladderCode: 'ASC', position: 'ASC' } });
  const roles = await manager.find(RoleEntity, { order });
  const edges = await manager.find(CareerEdgeEntity, { order });
  const aliases = await manager.find(TitleAliasEntity, { order });
  const unmapped = await manager.find(UnmappedTitleEntity, { order });
  const crosswalks = await manager.find(LevelCrosswalkEntity, { order });
  const subdivisions = await manager.find(SubdivisionEntity, { order });
  const zones = await manager.find(PayZoneEntity, { order });
  const rules = await manager.find(ZoneRuleEntity, { order: { zoneCode: 'ASC', position: 'ASC' } });

  const levelsByLadder = new Map<string, LevelEntity[]>();
  for (const level of levels)
    levelsByLadder.set(level.ladderCode, [...(levelsByLadder.get(level.ladderCode) ?? []), level]);
  const rulesByZone = new Map<string, ZoneRuleEntity[]>();
  for (const rule of rules)
    rulesByZone.set(rule.zoneCode, [...(rulesByZone.get(rule.zoneCode) ?? []), rule]);
  const notes: CatalogueNotes = revision.notes;
  const withNotes = (kind: CatalogueFileKind) => (notes[kind] ? { notes: notes[kind] } : {});
  const anchor = zones.find((z) => z.isAnchor);

  const snapshot: CatalogueSnapshot = {
    jobArchitecture: {
      version: revision.versions.jobArchitecture,
      ...withNotes('jobArchitecture'),
      families: families.map((f) => ({ code: f.code, name: f.name })),
      ladders: ladders.map((l): Ladder => ({
        code: l.code,
        name: l.name,
        kind: l.kind,
        levels: byPosition(levelsByLadder.get(l.code) ?? []).map((v) => ({
          code: v.code,
          name: v.name,
          rank: v.rank,
        })),
      })),
      roles: roles.map((r) => ({
        code: r.code,
        name: r.name,
        family: r.familyCode,
        ladder: r.ladderCode,
      })),
      careerEdges: edges.map((e) => ({ from: e.fromRole, to: e.toRole, kind: e.kind })),
    },
    titleAliases: {
      version: revision.versions.titleAliases,
      ...withNotes('titleAliases'),
      aliases: aliases.map((a) => ({
        title: a.title,
        role: a.roleCode,
        ...(a.levelCode === null ? {} : { level: a.levelCode }),
      })),
      unmapped: unmapped.map((u) => ({ title: u.title, reason: u.reason })),
    },
    levelCrosswalks: {
      version: revision.versions.levelCrosswalks,
      ...withNotes('levelCrosswalks'),
      crosswalks: crosswalks.map((c) => ({
        source: c.source,
        sourceLevel: c.sourceLevel,
        ladder: c.ladderCode,
        level: c.levelCode,
      })),
    },
    payZones: {
      version: revision.versions.payZones,
      ...withNotes('payZones'),
      anchor: anchor?.code ?? '',
      subdivisions: subdivisions.map((s) => ({ country: s.country, code: s.code, name: s.name })),
      zones: zones.map((z): PayZone => ({
        code: z.code,
        name: z.name,
        country: z.country,
        currency: z.currency,
        ...(z.currencyReason === null ? {} : { currencyReason: z.currencyReason }),
        differential: Number(z.differential),
        catchAll: z.catchAll,
        rules: byPosition(rulesByZone.get(z.code) ?? []).map((r) => ({
          country: r.country,
          ...(r.region === null ? {} : { region: r.region }),
          ...(r.city === null ? {} : { city: r.city }),
        })),
      })),
    },
    fxRates: await readFxTable(manager),
  };
  return {
    revision: revision.id,
    appliedAt: revision.appliedAt,
    appliedBy: revision.appliedBy,
    snapshot,
  };
}

export function notesOf(snapshot: CatalogueFiles): CatalogueNotes {
  const notes: CatalogueNotes = {};
  for (const kind of Object.keys(CATALOGUE_FILES) as CatalogueFileKind[]) {
    const fileNotes = snapshot[kind].notes;
    if (fileNotes) notes[kind] = fileNotes;
  }
  return notes;
}
