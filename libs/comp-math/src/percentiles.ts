export type PercentileKey = 'p10' | 'p25' | 'p50' | 'p75' | 'p90';
export type PercentileSet = Record<PercentileKey, number>;

export const PERCENTILE_KEYS: readonly PercentileKey[] = ['p10', 'p25', 'p50', 'p75', 'p90'];
/** The published points as fractions (the `p` of percentile_cont) and as percentile ranks. */
export const PERCENTILE_FRACTIONS: Readonly<PercentileSet> = {
  p10: 0.1,
  p25: 0.25,
  p50: 0.5,
  p75: 0.75,
  p90: 0.9,
};
export const PERCENTILE_RANKS: Readonly<PercentileSet> = {
  p10: 10,
  p25: 25,
  p50: 50,
  p75: 75,
  p90: 90,
};

function assertFraction(p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`percentile must be a fraction in [0, 1], got ${p}`);
  }
}

function sortedValues(values: readonly number[]): Float64Array {
  if (values.length === 0) throw new RangeError('cannot take a percentile of no values');
  if (!values.every(Number.isFinite)) {
    throw new RangeError('percentile values must be finite numbers');
  }
  return Float64Array.from(values).sort();
}

/** a + (b − a)·t as in percentile_cont, kept ≤ b so float rounding cannot break monotonicity. */
const interpolate = (a: number, b: number, t: number) => Math.min(b, a + (b - a) * t);

/** R type 7 on values the caller sorted ascending: h = (n − 1)·p, between ranks ⌊h⌋ and ⌊h⌋ + 1. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  assertFraction(p);
  if (sorted.length === 0) throw new RangeError('cannot take a percentile of no values');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo >= sorted.length - 1
    ? sorted[sorted.length - 1]
    : interpolate(sorted[lo], sorted[lo + 1], h - lo);
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(sortedValues(values), p);
}

/** P10…P90 from a single sort. */
export function percentileSet(values: readonly number[]): PercentileSet {
  const sorted = sortedValues(values);
  return mapPercentiles((p) => percentileOfSorted(sorted, p));
}

const mapPercentiles = (at: (p: number) => number): PercentileSet =>
  Object.fromEntries(
    PERCENTILE_KEYS.map((key) => [key, at(PERCENTILE_FRACTIONS[key])]),
  ) as PercentileSet;

/**
 * Weighted type 7. Sort by value (ties by weight, so input order never matters); with cumulative
 * weight S_k = w_1 + … + w_k and total W, point k sits at
 *   u_k = (S_k − w_k/2 − w_1/2) / (W − w_1/2 − w_n/2),
 * the centre of its own weight rescaled so u_1 = 0 and u_n = 1, and the percentile at p is the
 * linear interpolation of (u_k, x_k). Equal weights give u_k = (k − 1)/(n − 1), type 7's own
 * positions; that case takes the unweighted path, so it matches percentile_cont bit for bit.
 * Weights are relative importance, not copies: scaling all of them by a constant changes nothing.
 */
export function weightedPercentile(
  values: readonly number[],
  weights: readonly number[],
  p: number,
): number {
  assertFraction(p);
  return weightedCurve(values, weights)(p);
}

export function weightedPercentileSet(
  values: readonly number[],
  weights: readonly number[],
): PercentileSet {
  return mapPercentiles(weightedCurve(values, weights));
}

function weightedCurve(
  values: readonly number[],
  weights: readonly number[],
): (p: number) => number {
  if (values.length !== weights.length) {
    throw new RangeError(`got ${values.length} values but ${weights.length} weights`);
  }
  if (!weights.every((w) => Number.isFinite(w) && w > 0)) {
    throw new RangeError('weights must be finite and > 0');
  }
  if (weights.every((w) => w === weights[0])) {
    const sorted = sortedValues(values);
    return (p) => percentileOfSorted(sorted, p);
  }
  if (!values.every(Number.isFinite)) {
    throw new RangeError('percentile values must be finite numbers');
  }

  const order = values
    .map((_, i) => i)
    .sort((a, b) => values[a] - values[b] || weights[a] - weights[b]);
  const xs = order.map((i) => values[i]);
  const ws = order.map((i) => weights[i]);
  const n = xs.length;
  const total = ws.reduce((sum, w) => sum + w, 0);
  const span = total - (ws[0] + ws[n - 1]) / 2;
  const positions: number[] = [];
  let before = 0;
  for (const w of ws) {
    positions.push((before + w / 2 - ws[0] / 2) / span);
    before += w;
  }
  positions[0] = 0;
  positions[n - 1] = 1;

  return (p) => {
    if (p >= 1) return xs[n - 1];
    let lo = 0;
    let hi = n - 1;
    // Invariant: positions[lo] ≤ p < positions[hi].
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (positions[mid] <= p) lo = mid;
      else hi = mid;
    }
    return interpolate(xs[lo], xs[hi], (p - positions[lo]) / (positions[hi] - positions[lo]));
  };
}
