import type { EntityManager } from 'typeorm';
import type {
  CatalogueFileKind,
  CatalogueSnapshot,
  FxTable,
  Ladder,
  PayZone,
} from '../catalogue-snapshot';
import { readFxTable } from '../fx/fx-store';
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

// The stored catalogue read back into the files' shape (in file order), with the FX table.

export interface StoredCatalogue {
  revision: number;
  appliedAt: Date;
  appliedBy: string;
  snapshot: CatalogueSnapshot;
}

function byPosition<T extends { position: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.position - b.position);
}

/** The latest revision and its contents, or undefined before the first application. */
export async function readCatalogueRows(
  manager: EntityManager,
  /** The FX table already held: kept, unread, when the revision names the same FX version. */
  heldFx?: FxTable,
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
    fxRates: heldFx?.version === revision.versions.fxRates ? heldFx : await readFxTable(manager),
  };
  return {
    revision: revision.id,
    appliedAt: revision.appliedAt,
    appliedBy: revision.appliedBy,
    snapshot,
  };
}
