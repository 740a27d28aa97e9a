import fc from 'fast-check';
import {
  percentile,
  percentileOfSorted,
  percentileSet,
  PERCENTILE_FRACTIONS,
  PERCENTILE_KEYS,
  weightedPercentile,
  weightedPercentileSet,
} from './percentiles';

// -0 and 0 are the same amount; toBe would tell them apart.
const amount = fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((v) => v + 0);
const amounts = fc.array(amount, { minLength: 1, maxLength: 60 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const weight = fc.double({ min: 0.01, max: 10, noNaN: true });
const weighted = fc
  .array(fc.tuple(amount, weight), { minLength: 1, maxLength: 60 })
  .map((pairs) => ({
    values: pairs.map(([value]) => value),
    weights: pairs.map(([, w]) => w),
  }));
const shuffled = <T>(items: fc.Arbitrary<T[]>) =>
  items.chain((list) =>
    fc.tuple(
      fc.constant(list),
      fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
    ),
  );

describe('percentile (R type 7)', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[15, 20, 35, 40, 50], 0.1, 17],
    [[15, 20, 35, 40, 50], 0.9, 46],
    [[42], 0.37, 42],
  ])('of %j at %d is %d (as numpy / percentile_cont)', (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });

  it('sorts unsorted input and leaves it untouched', () => {
    const values = [50, 15, 40, 20, 35];
    expect(percentile(values, 0.75)).toBe(40);
    expect(values).toEqual([50, 15, 40, 20, 35]);
  });

  it('computes P10…P90 from one sort', () => {
    expect(percentileSet([15, 20, 35, 40, 50])).toEqual({
      p10: 17,
      p25: 20,
      p50: 35,
      p75: 40,
      p90: 46,
    });
  });

  it('rejects empty input, non-finite values and p outside [0, 1]', () => {
    expect(() => percentile([], 0.5)).toThrow(RangeError);
    expect(() => percentile([1, NaN], 0.5)).toThrow(RangeError);
    expect(() => percentile([1, Infinity], 0.5)).toThrow(RangeError);
    expect(() => percentile([1], 1.01)).toThrow(RangeError);
    expect(() => percentile([1], -0.01)).toThrow(RangeError);
    expect(() => percentileOfSorted([], 0)).toThrow(RangeError);
  });

  it('p = 0 is the min and p = 1 the max', () => {
    fc.assert(
      fc.property(amounts, (values) => {
        expect(percentile(values, 0)).toBe(Math.min(...values));
        expect(percentile(values, 1)).toBe(Math.max(...values));
      }),
    );
  });

  it('is monotone in p and stays within [min, max]', () => {
    fc.assert(
      fc.property(amounts, fraction, fraction, (values, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(percentile(values, lo)).toBeLessThanOrEqual(percentile(values, hi));
        expect(percentile(values, lo)).toBeGreaterThanOrEqual(Math.min(...values));
        expect(percentile(values, hi)).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(shuffled(amounts), fraction, ([values, reordered], p) => {
        expect(percentile(reordered, p)).toBe(percentile(values, p));
      }),
    );
  });

  it('percentileSet equals the individual percentiles', () => {
    fc.assert(
      fc.property(amounts, (values) => {
        const set = percentileSet(values);
        for (const key of PERCENTILE_KEYS)
          expect(set[key]).toBe(percentile(values, PERCENTILE_FRACTIONS[key]));
      }),
    );
  });
});

describe('weightedPercentile', () => {
  it('puts each point at the centre of its weight, ends pinned to 0 and 1', () => {
    expect(weightedPercentile([1, 2, 3], [1, 100, 1], 0.5)).toBe(2);
    // W = 4, span = 4 − (1 + 2)/2 = 2.5, u = [0, 0.4, 1]; p = 0.5 → 2 + 0.1/0.6
    expect(weightedPercentile([1, 2, 3], [1, 1, 2], 0.5)).toBeCloseTo(2 + 1 / 6, 12);
    expect(weightedPercentile([3, 1, 2], [2, 1, 1], 0.5)).toBeCloseTo(2 + 1 / 6, 12);
    expect(weightedPercentile([7], [3], 0.9)).toBe(7);
  });

  it('rejects mismatched lengths and weights that are not > 0', () => {
    expect(() => weightedPercentile([1, 2], [1], 0.5)).toThrow(RangeError);
    expect(() => weightedPercentile([1, 2], [1, 0], 0.5)).toThrow(RangeError);
    expect(() => weightedPercentile([1, 2], [1, -1], 0.5)).toThrow(RangeError);
    expect(() => weightedPercentile([1, 2], [1, NaN], 0.5)).toThrow(RangeError);
    expect(() => weightedPercentile([], [], 0.5)).toThrow(RangeError);
    expect(() => weightedPercentile([1, NaN], [1, 2], 0.5)).toThrow(RangeError);
  });

  it('reduces exactly to type 7 when all weights are equal', () => {
    fc.assert(
      fc.property(amounts, weight, fraction, (values, w, p) => {
        expect(
          weightedPercentile(
            values,
            values.map(() => w),
            p,
          ),
        ).toBe(percentile(values, p));
      }),
    );
  });

  it('is continuous at equal weights: the general formula lands on type 7', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 2, maxLength: 60 }), fraction, (values, p) => {
        const weights = values.map((_, i) => (i === 0 ? 1 + 1e-12 : 1));
        const range = Math.max(...values) - Math.min(...values);
        expect(
          Math.abs(weightedPercentile(values, weights, p) - percentile(values, p)),
        ).toBeLessThanOrEqual(range * 1e-9 + 1e-9);
      }),
    );
  });

  it('p = 0 is the min, p = 1 the max, monotone in p and within [min, max]', () => {
    fc.assert(
      fc.property(weighted, fraction, fraction, ({ values, weights }, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(weightedPercentile(values, weights, 0)).toBe(Math.min(...values));
        expect(weightedPercentile(values, weights, 1)).toBe(Math.max(...values));
        expect(weightedPercentile(values, weights, lo)).toBeLessThanOrEqual(
          weightedPercentile(values, weights, hi),
        );
        expect(weightedPercentile(values, weights, lo)).toBeGreaterThanOrEqual(Math.min(...values));
        expect(weightedPercentile(values, weights, hi)).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });

  it('does not depend on the order of (value, weight) pairs, ties included', () => {
    const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), weight), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(shuffled(pairs), fraction, ([original, reordered], p) => {
        const at = (list: [number, number][]) =>
          weightedPercentile(
            list.map(([v]) => v),
            list.map(([, w]) => w),
            p,
          );
        expect(at(reordered)).toBe(at(original));
      }),
    );
  });

  it('does not change when every weight is scaled by the same factor', () => {
    fc.assert(
      fc.property(weighted, fraction, ({ values, weights }, p) => {
        expect(
          weightedPercentile(
            values,
            weights.map((w) => w * 4),
            p,
          ),
        ).toBe(weightedPercentile(values, weights, p));
      }),
    );
  });

  it('weightedPercentileSet equals the individual weighted percentiles', () => {
    fc.assert(
      fc.property(weighted, ({ values, weights }) => {
        const set = weightedPercentileSet(values, weights);
        for (const key of PERCENTILE_KEYS) {
          expect(set[key]).toBe(weightedPercentile(values, weights, PERCENTILE_FRACTIONS[key]));
        }
      }),
    );
  });
});
