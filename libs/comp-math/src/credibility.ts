import type { PublishedPercentiles } from './band-edges';
import { PERCENTILE_KEYS, type PercentileKey } from './percentiles';

/** The blend's formula as provenance states it. */
export const CREDIBILITY_FORMULA = 'Z = n / (n + K); P = Z·P_records + (1 − Z)·P_survey';

/**
 * Credibility of `n` records against a survey: `Z = n / (n + K)`. `K` is the number of records at
 * which both count the same; `K = 0` gives records full credibility (the survey is not blended).
 */
export function credibility(n: number, k: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a count ≥ 0, got ${n}`);
  if (!Number.isFinite(k) || k < 0) throw new RangeError(`K must be ≥ 0, got ${k}`);
  return k === 0 ? 1 : n / (n + k);
}

/**
 * Each point with the inner neighbour whose shape estimates it, outward from the median, and the
 * outer neighbour that bounds the estimate.
 */
const INNER: readonly [PercentileKey, PercentileKey, PercentileKey | null][] = [
  ['p25', 'p50', 'p10'],
  ['p10', 'p25', null],
  ['p75', 'p50', 'p90'],
  ['p90', 'p75', null],
];

/**
 * `side`'s points completed from `shape`: a point `side` lacks is its inner neighbour times the
 * shape's ratio between the two (`P10 = P25 · S10 / S25`), where the shape has both. The ratio is
 * ≤ 1 below the median and ≥ 1 above it in any ordered shape, and an estimate never passes the
 * side's own outer neighbour, so a completed side stays ordered.
 */
export function completeFromShape(
  side: PublishedPercentiles,
  shape: PublishedPercentiles,
): PublishedPercentiles {
  const out: PublishedPercentiles = { ...side };
  for (const [point, inner, outer] of INNER) {
    if (out[point] != null) continue;
    const base = out[inner];
    const [s, sInner] = [shape[point], shape[inner]];
    if (base == null || s == null || sInner == null || !(sInner > 0)) {
      out[point] = null;
      continue;
    }
    const estimate = base * (s / sInner);
    const bound = outer === null ? null : side[outer];
    out[point] =
      bound == null
        ? estimate
        : point === 'p25'
          ? Math.max(estimate, bound)
          : Math.min(estimate, bound);
  }
  return out;
}

/**
 * §2 blending by credibility, per point `Z·P_records + (1 − Z)·P_survey`. A point one source lacks
 * (records' P10/P90 below 10 observations, a top-coded survey value) is first estimated from the
 * other source's shape around it, so every point blends both sources and the blend of two ordered
 * sets is ordered; where neither can give it, the point is null — never one source alone.
 */
export function blendByCredibility(
  records: PublishedPercentiles,
  survey: PublishedPercentiles,
  z: number,
): PublishedPercentiles {
  if (!(z >= 0 && z <= 1)) throw new RangeError(`credibility must be in [0, 1], got ${z}`);
  if (z === 1) return { ...records };
  const r = completeFromShape(records, survey);
  const s = completeFromShape(survey, records);
  return Object.fromEntries(
    PERCENTILE_KEYS.map((k) => {
      const [a, b] = [r[k], s[k]];
      return [k, a == null || b == null ? null : z * a + (1 - z) * b];
    }),
  );
}

/**
 * Several surveys as one, per point by their declared weights; a point is kept only where every
 * survey gives it, so no point comes from a subset of them.
 */
export function combineSurveys(
  surveys: readonly { percentiles: PublishedPercentiles; weight: number }[],
): PublishedPercentiles {
  if (surveys.length === 0) throw new RangeError('no survey to combine');
  const total = surveys.reduce((sum, s) => sum + s.weight, 0);
  return Object.fromEntries(
    PERCENTILE_KEYS.map((k) => [
      k,
      surveys.every((s) => s.percentiles[k] != null)
        ? surveys.reduce((sum, s) => sum + s.percentiles[k]! * s.weight, 0) / total
        : null,
    ]),
  );
}
