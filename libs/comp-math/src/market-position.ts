import { PERCENTILE_KEYS, PERCENTILE_RANKS } from './percentiles';
import type { PublishedPercentiles } from './band-edges';

/**
 * Where an amount sits in a cell. `at`: a percentile rank interpolated between the published
 * points; `below` / `above`: outside the lowest / highest published point — normally 10 / 90,
 * 25 / 75 when P10/P90 are suppressed, so a suppressed figure is never implied.
 */
export type MarketPosition =
  | { kind: 'at'; percentile: number }
  | { kind: 'below'; percentile: number }
  | { kind: 'above'; percentile: number };

/**
 * Linear in the amount between neighbouring points. Where several points share the amount's
 * value (a flat stretch) the position is the middle of their ranks: P25 = P50 → 37.5.
 */
export function marketPosition(amount: number, percentiles: PublishedPercentiles): MarketPosition {
  const points = PERCENTILE_KEYS.flatMap((key) => {
    const value = percentiles[key];
    return value == null ? [] : [{ rank: PERCENTILE_RANKS[key], value }];
  });
  if (!Number.isFinite(amount)) throw new RangeError(`market position of ${amount} is undefined`);
  if (points.length === 0) {
    throw new RangeError('market position needs at least one published percentile');
  }
  if (points.some((point, i) => i > 0 && point.value < points[i - 1].value)) {
    throw new RangeError('published percentiles must not decrease from P10 to P90');
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (amount < first.value) return { kind: 'below', percentile: first.rank };
  if (amount > last.value) return { kind: 'above', percentile: last.rank };

  const equal = points.filter((point) => point.value === amount);
  if (equal.length > 0) {
    return { kind: 'at', percentile: (equal[0].rank + equal[equal.length - 1].rank) / 2 };
  }
  const upper = points.findIndex((point) => point.value > amount);
  const [a, b] = [points[upper - 1], points[upper]];
  const rank = a.rank + ((amount - a.value) / (b.value - a.value)) * (b.rank - a.rank);
  return { kind: 'at', percentile: Math.min(b.rank, rank) };
}

/** '37', '<10', '>90' — the §2 display form; ranks shown as whole percentiles. */
export function formatMarketPosition(position: MarketPosition): string {
  if (position.kind === 'below') return `<${position.percentile}`;
  if (position.kind === 'above') return `>${position.percentile}`;
  return String(Math.round(position.percentile));
}
