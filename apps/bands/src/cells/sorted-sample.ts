import {
  percentileOfSorted,
  PERCENTILE_FRACTIONS,
  PERCENTILE_KEYS,
  weightedPercentileSet,
  type PercentileSet,
} from '@rangefinder/comp-math';

const BLOCK = 1024;

/**
 * `length` values in ascending order, read by rank through `at`: what comp-math's type-7
 * percentile reads, without copying a cell's values into one array.
 */
export function orderedView(length: number, at: (rank: number) => number): ArrayLike<number> {
  return new Proxy<ArrayLike<number>>(
    { length },
    {
      get: (target, key) => (key === 'length' ? target.length : at(Number(key))),
    },
  );
}

/** (value, weight) order: the order the weighted percentile sorts by. */
const before = (v1: number, w1: number, v2: number, w2: number) =>
  v1 < v2 || (v1 === v2 && w1 < w2);

/**
 * A sorted multiset of (value, weight) in blocks of about a thousand, so adding or removing one
 * observation moves at most a block, not the whole cell, and a percentile is read, not sorted for.
 */
export class SortedSample {
  private values: number[][] = [];
  private weights: number[][] = [];
  private readonly weightCounts = new Map<number, number>();
  size = 0;

  /**
   * Builds from unsorted input in one sort (a rebuild), not one insertion at a time: a native
   * numeric sort of the values when every weight is the same, by (value, weight) otherwise.
   */
  static of(values: ArrayLike<number>, weights: ArrayLike<number>): SortedSample {
    const sample = new SortedSample();
    const n = values.length;
    if (n === 0) return sample;
    const weight = weights[0];
    let uniform = true;
    for (let i = 1; i < n && uniform; i++) uniform = weights[i] === weight;
    let sortedValues: Float64Array;
    let sortedWeights: Float64Array;
    if (uniform) {
      sortedValues = Float64Array.from(values).sort();
      sortedWeights = new Float64Array(n).fill(weight);
      sample.weightCounts.set(weight, n);
    } else {
      const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => values[a] - values[b] || weights[a] - weights[b],
      );
      sortedValues = Float64Array.from(order, (i) => values[i]);
      sortedWeights = Float64Array.from(order, (i) => weights[i]);
      for (let i = 0; i < n; i++) sample.countWeight(weights[i], 1);
    }
    for (let start = 0; start < n; start += BLOCK) {
      sample.values.push(Array.from(sortedValues.subarray(start, start + BLOCK)));
      sample.weights.push(Array.from(sortedWeights.subarray(start, start + BLOCK)));
    }
    sample.size = n;
    return sample;
  }

  /** An independent sample of the same entries. */
  copy(): SortedSample {
    const sample = new SortedSample();
    sample.values = this.values.map((block) => block.slice());
    sample.weights = this.weights.map((block) => block.slice());
    for (const [weight, count] of this.weightCounts) sample.weightCounts.set(weight, count);
    sample.size = this.size;
    return sample;
  }

  add(value: number, weight: number): void {
    if (this.values.length === 0) {
      this.values.push([value]);
      this.weights.push([weight]);
    } else {
      const b = this.blockFor(value, weight);
      const [vs, ws] = [this.values[b], this.weights[b]];
      const i = this.position(vs, ws, value, weight);
      vs.splice(i, 0, value);
      ws.splice(i, 0, weight);
      if (vs.length > 2 * BLOCK) {
        this.values.splice(b, 1, vs.slice(0, BLOCK), vs.slice(BLOCK));
        this.weights.splice(b, 1, ws.slice(0, BLOCK), ws.slice(BLOCK));
      }
    }
    this.countWeight(weight, 1);
    this.size++;
  }

  /** Removes one (value, weight); false when it is not held. */
  remove(value: number, weight: number): boolean {
    if (this.size === 0) return false;
    const b = this.blockFor(value, weight);
    const [vs, ws] = [this.values[b], this.weights[b]];
    const i = this.position(vs, ws, value, weight);
    if (vs[i] !== value || ws[i] !== weight) return false;
    vs.splice(i, 1);
    ws.splice(i, 1);
    if (vs.length === 0) {
      this.values.splice(b, 1);
      this.weights.splice(b, 1);
    }
    this.countWeight(weight, -1);
    this.size--;
    return true;
  }

  /** P10…P90: type 7 read off the order statistics, or the weighted form when weights differ. */
  percentiles(): PercentileSet {
    if (this.size === 0) throw new RangeError('cannot take a percentile of no values');
    if (this.weightCounts.size > 1) {
      return weightedPercentileSet(this.values.flat(), this.weights.flat());
    }
    const sorted = this.view();
    return Object.fromEntries(
      PERCENTILE_KEYS.map((k) => [k, percentileOfSorted(sorted, PERCENTILE_FRACTIONS[k])]),
    ) as PercentileSet;
  }

  /** Index access across the blocks, for the one type-7 implementation in comp-math. */
  private view(): ArrayLike<number> {
    const { values } = this;
    return orderedView(this.size, (rank) => {
      for (const block of values) {
        if (rank < block.length) return block[rank];
        rank -= block.length;
      }
      return Number.NaN;
    });
  }

  /** The first block whose last element is not before (value, weight); the last block otherwise. */
  private blockFor(value: number, weight: number): number {
    let lo = 0;
    let hi = this.values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const vs = this.values[mid];
      const ws = this.weights[mid];
      if (before(vs[vs.length - 1], ws[ws.length - 1], value, weight)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index in a block whose element is not before (value, weight). */
  private position(vs: number[], ws: number[], value: number, weight: number): number {
    let lo = 0;
    let hi = vs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(vs[mid], ws[mid], value, weight)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private countWeight(weight: number, delta: number): void {
    const count = (this.weightCounts.get(weight) ?? 0) + delta;
    if (count === 0) this.weightCounts.delete(weight);
    else this.weightCounts.set(weight, count);
  }
}
