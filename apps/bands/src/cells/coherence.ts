import { formatMoneyExact, PERCENTILE_KEYS } from '@rangefinder/comp-math';
import type { BandPercentiles } from '@rangefinder/contracts';
import type { Catalogue } from '@rangefinder/catalogue';
import type { CellDraft } from './cell-draft';
import type { CoherenceFlag, CoherenceKind } from './coherence-flag';

/** What the invariants read of a draft or a published band. */
export type BandFigures = Pick<
  CellDraft,
  | 'key'
  | 'role'
  | 'level'
  | 'zone'
  | 'currency'
  | 'percentiles'
  | 'min'
  | 'mid'
  | 'max'
  | 'components'
>;

const LABEL: Record<string, string> = {
  p10: 'P10',
  p25: 'P25',
  p50: 'P50',
  p75: 'P75',
  p90: 'P90',
};

function pointOrder(what: string, p: BandPercentiles, currency: string): string[] {
  const present = PERCENTILE_KEYS.filter((k) => p[k] !== null);
  const out: string[] = [];
  for (let i = 1; i < present.length; i++) {
    const [lo, hi] = [present[i - 1], present[i]];
    if (p[hi]! < p[lo]!) {
      out.push(
        `${what}${LABEL[lo]} ${formatMoneyExact(p[lo]!, currency)} above ${LABEL[hi]} ${formatMoneyExact(p[hi]!, currency)}`,
      );
    }
  }
  return out;
}

/** `P10 ≤ P25 ≤ P50 ≤ P75 ≤ P90` for base, bonus and equity, and `min ≤ mid ≤ max`. */
export function orderFlags(band: BandFigures): CoherenceFlag[] {
  const { currency } = band;
  const problems = [
    ...pointOrder('', band.percentiles, currency),
    ...(band.components.bonus ? pointOrder('bonus ', band.components.bonus, currency) : []),
    ...(band.components.equity ? pointOrder('equity ', band.components.equity, currency) : []),
  ];
  const { min, mid, max } = band;
  if (min !== null && mid !== null && max !== null && !(min <= mid && mid <= max)) {
    problems.push(`edges out of order: min ${min}, mid ${mid}, max ${max}`);
  }
  return problems.map((message) => ({ kind: 'percentile-order', message }));
}

interface Ranked {
  band: BandFigures;
  rank: number;
  mid: number;
  label: string;
}

/** Every pair where the higher rank has the lower midpoint, flagged on both cells. */
function inversions(
  items: readonly Ranked[],
  kind: CoherenceKind,
  flags: Map<string, CoherenceFlag[]>,
  shown: (amount: number) => string,
): void {
  // In key order, so the flags do not depend on the order cells were computed in.
  const sorted = [...items].sort((a, b) => a.band.key.localeCompare(b.band.key));
  for (const high of sorted) {
    for (const low of sorted) {
      if (!(high.rank > low.rank && high.mid < low.mid)) continue;
      const add = (cell: BandFigures, message: string, against: string) =>
        flags.set(cell.key, [...(flags.get(cell.key) ?? []), { kind, message, against }]);
      add(
        high.band,
        `mid ${shown(high.mid)} below ${low.label} (mid ${shown(low.mid)}), which ranks lower`,
        low.band.key,
      );
      add(
        low.band,
        `mid ${shown(low.mid)} above ${high.label} (mid ${shown(high.mid)}), which ranks higher`,
        high.band.key,
      );
    }
  }
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups.values();
};

/**
 * Within one country, role and level: a zone with a higher differential never has a lower
 * midpoint than one with a lower differential. Midpoints compare in the country's catch-all
 * currency at `date`.
 */
export function zoneFlags(
  bands: readonly BandFigures[],
  catalogue: Catalogue,
  date: string,
): Map<string, CoherenceFlag[]> {
  const flags = new Map<string, CoherenceFlag[]>();
  const placed = bands.flatMap((band) => {
    const zone = catalogue.zone(band.zone);
    return zone && band.mid !== null ? [{ band, zone, mid: band.mid }] : [];
  });
  for (const cells of groupBy(placed, (c) => `${c.band.role}|${c.band.level}|${c.zone.country}`)) {
    const home =
      catalogue.zones.find((z) => z.country === cells[0].zone.country && z.catchAll)?.currency ??
      cells[0].band.currency;
    const items = cells.flatMap(({ band, zone, mid }): Ranked[] => {
      const rate =
        band.currency === home ? 1 : catalogue.convert(1, band.currency, home, date)?.rate;
      if (rate === undefined) return [];
      return [
        {
          band,
          rank: zone.differential,
          mid: mid * rate,
          label: `zone ${zone.code} (differential ${zone.differential})`,
        },
      ];
    });
    inversions(items, 'zone-order', flags, (amount) => formatMoneyExact(amount, home));
  }
  return flags;
}

/**
 * Along a role's ladder, within one zone: a higher level's midpoint is not below a lower level's.
 */
export function ladderFlags(
  bands: readonly BandFigures[],
  catalogue: Catalogue,
): Map<string, CoherenceFlag[]> {
  const flags = new Map<string, CoherenceFlag[]>();
  for (const cells of groupBy(bands, (b) => `${b.role}|${b.zone}`)) {
    const role = catalogue.role(cells[0].role);
    const levels = (role && catalogue.ladder(role.ladder)?.levels) ?? [];
    const items = cells.flatMap((band): Ranked[] => {
      const level = levels.find((l) => l.code === band.level);
      return level && band.mid !== null
        ? [{ band, rank: level.rank, mid: band.mid, label: `level ${band.level}` }]
        : [];
    });
    inversions(items, 'ladder-order', flags, (amount) =>
      formatMoneyExact(amount, cells[0].currency),
    );
  }
  return flags;
}
