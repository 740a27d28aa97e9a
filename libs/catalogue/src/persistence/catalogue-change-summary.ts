import { createHash } from 'node:crypto';
import type { CatalogueSnapshot, FxRate, FxTable } from '../catalogue-snapshot';
import { normalizeKey } from '../matching/normalize';

export const CATALOGUE_CONTENT_KINDS = [
  'families',
  'ladders',
  'levels',
  'roles',
  'careerEdges',
  'titleAliases',
  'unmappedTitles',
  'levelCrosswalks',
  'subdivisions',
  'payZones',
  'zoneRules',
  'fxRates',
] as const;
export type CatalogueContentKind = (typeof CATALOGUE_CONTENT_KINDS)[number];

/** Keys of one kind of catalogue entry: how many now, which appeared, disappeared or changed content. */
export interface KindChange {
  count: number;
  added: string[];
  removed: string[];
  changed: string[];
}

export type CatalogueChangeSummary = Record<CatalogueContentKind, KindChange>;

type Keyed = Map<string, unknown>;

function keyed<T>(
  items: readonly T[],
  key: (item: T) => string,
  content: (item: T) => unknown = (i) => i,
): Keyed {
  return new Map(items.map((item) => [key(item), content(item)]));
}

/** Key order must not make two equal entries look changed (a hand-edited file may reorder fields). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * FX rates are summarized per currency (the ECB history alone holds ~200k rates): its source, how
 * many rates, their span and a digest of every date and rate, so any change to one shows.
 */
function fxSeries(table: FxTable): Keyed {
  const series = new Map<string, FxRate[]>();
  for (const rate of table.rates) {
    const rates = series.get(rate.currency);
    if (rates) rates.push(rate);
    else series.set(rate.currency, [rate]);
  }
  return new Map(
    [...series].map(([currency, rates]) => {
      const sorted = rates.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
      const digest = createHash('sha256');
      for (const r of sorted) digest.update(`${r.effectiveFrom}=${r.usdPerUnit};`);
      return [
        currency,
        {
          source: sorted[0].source,
          rates: sorted.length,
          from: sorted[0].effectiveFrom,
          to: sorted[sorted.length - 1].effectiveFrom,
          digest: digest.digest('hex'),
        },
      ];
    }),
  );
}

function contentByKind(snapshot: CatalogueSnapshot): Record<CatalogueContentKind, Keyed> {
  const { jobArchitecture, titleAliases, levelCrosswalks, payZones, fxRates } = snapshot;
  return {
    families: keyed(jobArchitecture.families, (f) => f.code),
    ladders: keyed(
      jobArchitecture.ladders,
      (l) => l.code,
      ({ code, name, kind }) => ({ code, name, kind }),
    ),
    levels: keyed(
      jobArchitecture.ladders.flatMap((l) =>
        l.levels.map((level) => ({ ladder: l.code, ...level })),
      ),
      (l) => `${l.ladder}/${l.code}`,
    ),
    roles: keyed(jobArchitecture.roles, (r) => r.code),
    careerEdges: keyed(jobArchitecture.careerEdges, (e) => `${e.from} -> ${e.to}`),
    titleAliases: keyed(titleAliases.aliases, (a) => normalizeKey(a.title)),
    unmappedTitles: keyed(titleAliases.unmapped, (u) => normalizeKey(u.title)),
    levelCrosswalks: keyed(
      levelCrosswalks.crosswalks,
      (c) => `${c.source}:${c.sourceLevel.toUpperCase()}@${c.ladder}`,
    ),
    subdivisions: keyed(payZones.subdivisions, (s) => `${s.country}-${s.code}`),
    payZones: keyed(
      payZones.zones,
      (z) => z.code,
      (z) => ({
        name: z.name,
        country: z.country,
        currency: z.currency,
        differential: z.differential,
        catchAll: z.catchAll,
        anchor: z.code === payZones.anchor,
      }),
    ),
    zoneRules: keyed(
      payZones.zones.flatMap((z) => z.rules.map((rule) => ({ zone: z.code, ...rule }))),
      (r) =>
        `${r.country}/${r.region?.toUpperCase() ?? '*'}/${r.city === undefined ? '*' : normalizeKey(r.city)}`,
    ),
    fxRates: fxSeries(fxRates),
  };
}

function compare(before: Keyed, after: Keyed): KindChange {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [key, content] of after) {
    if (!before.has(key)) added.push(key);
    else if (canonicalJson(before.get(key)) !== canonicalJson(content)) changed.push(key);
  }
  const removed = [...before.keys()].filter((key) => !after.has(key));
  return { count: after.size, added, removed, changed };
}

/** What applying `next` over `previous` (nothing, for a first application) adds, removes and changes. */
export function summarizeCatalogueChange(
  previous: CatalogueSnapshot | undefined,
  next: CatalogueSnapshot,
): CatalogueChangeSummary {
  const after = contentByKind(next);
  const before = previous ? contentByKind(previous) : undefined;
  const summary = {} as CatalogueChangeSummary;
  for (const kind of CATALOGUE_CONTENT_KINDS)
    summary[kind] = compare(before?.[kind] ?? (new Map() as Keyed), after[kind]);
  return summary;
}
