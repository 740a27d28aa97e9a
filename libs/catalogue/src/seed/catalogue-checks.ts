import {
  CATALOGUE_FILES,
  type CatalogueSnapshot,
  type Ladder,
  type PayZonesFile,
} from '../catalogue-snapshot';
import { normalizeKey } from '../matching/normalize';
import { RegionIndex } from '../matching/region-index';
import type { CatalogueProblem } from './catalogue-problems';
import { checkZoneCurrencies } from './zone-currency-checks';

/**
 * Observations in the project's data start in 2020; a band currency needs a rate in force for
 * any observation date that can feed a band, or conversions into it would fail.
 */
export const DEFAULT_FX_COVERAGE_FROM = '2020-01-01';

export interface CatalogueCheckOptions {
  /** Every zone currency must have an FX rate in force on this date (and so on every later date). */
  fxCoverageFrom?: string;
}

class Problems {
  readonly list: CatalogueProblem[] = [];
  constructor(private readonly file: string) {}
  add(path: string, message: string): void {
    this.list.push({ file: this.file, path, message });
  }
}

/** Records first occurrences; reports every later duplicate with the path of the first. */
function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: (i: number) => string,
  what: string,
  problems: Problems,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else problems.add(path(i), `duplicate ${what} (first at ${path(first)})`);
  });
}

function checkJobArchitecture(snapshot: CatalogueSnapshot): CatalogueProblem[] {
  const problems = new Problems(CATALOGUE_FILES.jobArchitecture);
  const { families, ladders, roles, careerEdges } = snapshot.jobArchitecture;
  duplicates(
    families,
    (f) => f.code,
    (i) => `families[${i}].code`,
    'family code',
    problems,
  );
  duplicates(
    ladders,
    (l) => l.code,
    (i) => `ladders[${i}].code`,
    'ladder code',
    problems,
  );
  ladders.forEach((ladder, li) => {
    duplicates(
      ladder.levels,
      (l) => l.code,
      (i) => `ladders[${li}].levels[${i}].code`,
      'level code in this ladder',
      problems,
    );
    duplicates(
      ladder.levels,
      (l) => String(l.rank),
      (i) => `ladders[${li}].levels[${i}].rank`,
      'level rank in this ladder',
      problems,
    );
  });
  duplicates(
    roles,
    (r) => r.code,
    (i) => `roles[${i}].code`,
    'role code',
    problems,
  );
  const familyCodes = new Set(families.map((f) => f.code));
  const ladderCodes = new Set(ladders.map((l) => l.code));
  roles.forEach((role, i) => {
    if (!familyCodes.has(role.family)) {
      problems.add(
        `roles[${i}].family`,
        `job family "${role.family}" of role "${role.code}" is not in families`,
      );
    }
    if (!ladderCodes.has(role.ladder)) {
      problems.add(
        `roles[${i}].ladder`,
        `ladder "${role.ladder}" of role "${role.code}" is not in ladders`,
      );
    }
  });
  const roleCodes = new Set(roles.map((r) => r.code));
  careerEdges.forEach((edge, i) => {
    if (!roleCodes.has(edge.from))
      problems.add(`careerEdges[${i}].from`, `role "${edge.from}" is not in roles`);
    if (!roleCodes.has(edge.to))
      problems.add(`careerEdges[${i}].to`, `role "${edge.to}" is not in roles`);
    if (edge.from === edge.to)
      problems.add(
        `careerEdges[${i}]`,
        `a career edge must join two different roles ("${edge.from}")`,
      );
  });
  duplicates(
    careerEdges,
    (e) => `${e.from} -> ${e.to}`,
    (i) => `careerEdges[${i}]`,
    'career edge between the same roles',
    problems,
  );
  return problems.list;
}

function levelList(ladder: Ladder): string {
  return ladder.levels.map((l) => l.code).join(', ');
}

function checkTitleAliases(snapshot: CatalogueSnapshot): CatalogueProblem[] {
  const problems = new Problems(CATALOGUE_FILES.titleAliases);
  const roles = new Map(snapshot.jobArchitecture.roles.map((r) => [r.code, r]));
  const ladders = new Map(snapshot.jobArchitecture.ladders.map((l) => [l.code, l]));
  const { aliases, unmapped } = snapshot.titleAliases;
  aliases.forEach((alias, i) => {
    if (normalizeKey(alias.title) === '')
      problems.add(`aliases[${i}].title`, 'has no letters or digits');
    const role = roles.get(alias.role);
    if (!role) {
      problems.add(
        `aliases[${i}].role`,
        `role "${alias.role}" is not in job-architecture.json roles`,
      );
      return;
    }
    const ladder = ladders.get(role.ladder);
    if (alias.level !== undefined && ladder && !ladder.levels.some((l) => l.code === alias.level)) {
      problems.add(
        `aliases[${i}].level`,
        `level "${alias.level}" is not on ladder "${ladder.code}" of role "${role.code}" (levels: ${levelList(ladder)})`,
      );
    }
  });
  duplicates(
    aliases,
    (a) => normalizeKey(a.title),
    (i) => `aliases[${i}].title`,
    'title (after normalizing case, spaces and punctuation)',
    problems,
  );
  duplicates(
    unmapped,
    (u) => normalizeKey(u.title),
    (i) => `unmapped[${i}].title`,
    'unmapped title',
    problems,
  );
  const aliasKeys = new Set(aliases.map((a) => normalizeKey(a.title)));
  unmapped.forEach((u, i) => {
    if (aliasKeys.has(normalizeKey(u.title))) {
      problems.add(
        `unmapped[${i}].title`,
        `"${u.title}" is listed as unmapped but also has an alias`,
      );
    }
  });
  return problems.list;
}

function checkLevelCrosswalks(snapshot: CatalogueSnapshot): CatalogueProblem[] {
  const problems = new Problems(CATALOGUE_FILES.levelCrosswalks);
  const ladders = new Map(snapshot.jobArchitecture.ladders.map((l) => [l.code, l]));
  const { crosswalks } = snapshot.levelCrosswalks;
  crosswalks.forEach((row, i) => {
    const ladder = ladders.get(row.ladder);
    if (!ladder) {
      problems.add(
        `crosswalks[${i}].ladder`,
        `ladder "${row.ladder}" is not in job-architecture.json ladders`,
      );
      return;
    }
    if (!ladder.levels.some((l) => l.code === row.level)) {
      problems.add(
        `crosswalks[${i}].level`,
        `level "${row.level}" is not on ladder "${ladder.code}" (levels: ${levelList(ladder)})`,
      );
    }
    if (ladder.levels.some((l) => l.code === row.sourceLevel.toUpperCase())) {
      problems.add(
        `crosswalks[${i}].sourceLevel`,
        `"${row.sourceLevel}" is a canonical level of ladder "${ladder.code}"; canonical codes are accepted as-is, so this row would never apply`,
      );
    }
  });
  duplicates(
    crosswalks,
    (c) => `${c.source}|${c.sourceLevel.toUpperCase()}|${c.ladder}`,
    (i) => `crosswalks[${i}]`,
    'source level for this source and ladder',
    problems,
  );
  return problems.list;
}

function checkPayZones(snapshot: CatalogueSnapshot): CatalogueProblem[] {
  const problems = new Problems(CATALOGUE_FILES.payZones);
  const file: PayZonesFile = snapshot.payZones;
  const { zones, subdivisions } = file;
  duplicates(
    zones,
    (z) => z.code.toLowerCase(),
    (i) => `zones[${i}].code`,
    'zone code',
    problems,
  );
  duplicates(
    subdivisions,
    (s) => `${s.country}-${s.code}`,
    (i) => `subdivisions[${i}].code`,
    'subdivision code',
    problems,
  );
  duplicates(
    subdivisions,
    (s) => `${s.country}|${normalizeKey(s.name)}`,
    (i) => `subdivisions[${i}].name`,
    'subdivision name',
    problems,
  );

  const anchor = zones.find((z) => z.code === file.anchor);
  if (!anchor) problems.add('anchor', `anchor zone "${file.anchor}" is not in zones`);
  else if (anchor.differential !== 1) {
    problems.add(
      'anchor',
      `anchor zone "${anchor.code}" must have differential 1 (differentials are relative to it), not ${anchor.differential}`,
    );
  }

  const catchAlls = new Map<string, number[]>();
  zones.forEach((zone, i) => {
    if (!zone.code.startsWith(zone.country)) {
      problems.add(
        `zones[${i}].code`,
        `zone code "${zone.code}" must start with its country "${zone.country}"`,
      );
    }
    if (!catchAlls.has(zone.country)) catchAlls.set(zone.country, []);
    if (zone.catchAll) catchAlls.get(zone.country)?.push(i);
    if (!zone.catchAll && zone.rules.length === 0) {
      problems.add(
        `zones[${i}].rules`,
        `zone "${zone.code}" is not a catch-all, so it needs at least one region or city rule`,
      );
    }
  });
  for (const [country, indexes] of catchAlls) {
    if (indexes.length === 0) {
      problems.add(
        'zones',
        `country "${country}" has zones but no catch-all zone; locations there outside every rule would resolve to nothing`,
      );
    } else if (indexes.length > 1) {
      const codes = indexes.map((i) => zones[i].code).join(', ');
      problems.add(
        `zones[${indexes[1]}].catchAll`,
        `country "${country}" has ${indexes.length} catch-all zones (${codes}); it must have exactly one`,
      );
    }
  }

  const regions = new RegionIndex(subdivisions);
  const ruleOwners = new Map<string, string>();
  zones.forEach((zone, zi) => {
    zone.rules.forEach((rule, ri) => {
      const path = `zones[${zi}].rules[${ri}]`;
      if (rule.country !== zone.country) {
        problems.add(
          `${path}.country`,
          `rule country "${rule.country}" differs from zone "${zone.code}" country "${zone.country}"`,
        );
      }
      if (rule.region === undefined && rule.city === undefined) {
        problems.add(
          path,
          'a rule needs a region or a city; the country as a whole is the catch-all zone',
        );
        return;
      }
      let regionKey = '';
      if (rule.region !== undefined) {
        const resolved = regions.resolve(rule.country, rule.region);
        if (resolved === undefined) {
          problems.add(
            `${path}.region`,
            `region "${rule.region}" is not a subdivision of ${rule.country} listed in subdivisions (use an ISO 3166-2 code such as CA)`,
          );
          return;
        }
        regionKey = resolved;
      }
      const key = `${rule.country}|${regionKey}|${rule.city === undefined ? '' : normalizeKey(rule.city)}`;
      const owner = ruleOwners.get(key);
      if (owner !== undefined)
        problems.add(
          path,
          `the same location is already a rule at ${owner}; a location must resolve to one zone`,
        );
      else ruleOwners.set(key, `${path} (zone ${zone.code})`);
    });
  });

  return problems.list;
}

/**
 * Cross-file consistency of a structurally valid snapshot. Returns every problem found (empty when
 * the catalogue is consistent) so an analyst can fix a file in one pass.
 */
export function checkCatalogue(
  snapshot: CatalogueSnapshot,
  options: CatalogueCheckOptions = {},
): CatalogueProblem[] {
  const fxCoverageFrom = options.fxCoverageFrom ?? DEFAULT_FX_COVERAGE_FROM;
  return [
    ...checkJobArchitecture(snapshot),
    ...checkTitleAliases(snapshot),
    ...checkLevelCrosswalks(snapshot),
    ...checkPayZones(snapshot),
    ...checkZoneCurrencies(snapshot, fxCoverageFrom),
  ];
}
