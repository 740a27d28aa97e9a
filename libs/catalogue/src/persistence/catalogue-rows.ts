import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  CATALOGUE_FILES,
  type CatalogueFileKind,
  type CatalogueFiles,
} from '../catalogue-snapshot';
import { normalizeKey } from '../matching/normalize';
import { RegionIndex } from '../matching/region-index';
import {
  CareerEdgeEntity,
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

// The catalogue files written as relational rows, in their file order (catalogue-read.ts reads them
// back). FX rates are not among them: `fx import` keeps them (fx/fx-store.ts).

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

export function notesOf(snapshot: CatalogueFiles): CatalogueNotes {
  const notes: CatalogueNotes = {};
  for (const kind of Object.keys(CATALOGUE_FILES) as CatalogueFileKind[]) {
    const fileNotes = snapshot[kind].notes;
    if (fileNotes) notes[kind] = fileNotes;
  }
  return notes;
}
