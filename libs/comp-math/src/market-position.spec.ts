import fc from 'fast-check';
import { formatMarketPosition, marketPosition, type MarketPosition } from './market-position';
import { PERCENTILE_KEYS, PERCENTILE_RANKS, percentileSet } from './percentiles';

const cell = { p10: 100, p25: 120, p50: 150, p75: 180, p90: 220 };
const asNumber = (position: MarketPosition) =>
  position.kind === 'below'
    ? -Infinity
    : position.kind === 'above'
      ? Infinity
      : position.percentile;
const distinctSet = fc
  .uniqueArray(fc.integer({ min: 1_000, max: 1_000_000 }), { minLength: 5, maxLength: 5 })
  .map((values) => values.sort((a, b) => a - b))
  .map(([p10, p25, p50, p75, p90]) => ({ p10, p25, p50, p75, p90 }));

describe('market position', () => {
  it.each([
    [150, { kind: 'at', percentile: 50 }, '50'],
    [135, { kind: 'at', percentile: 37.5 }, '38'],
    [100, { kind: 'at', percentile: 10 }, '10'],
    [220, { kind: 'at', percentile: 90 }, '90'],
    [200, { kind: 'at', percentile: 82.5 }, '83'],
    [99.99, { kind: 'below', percentile: 10 }, '<10'],
    [220.01, { kind: 'above', percentile: 90 }, '>90'],
  ])('of %d is %j, shown as %s', (amount, position, shown) => {
    expect(marketPosition(amount, cell)).toEqual(position);
    expect(formatMarketPosition(marketPosition(amount, cell))).toBe(shown);
  });

  it('sits in the middle of equal points', () => {
    expect(marketPosition(120, { ...cell, p50: 120 })).toEqual({ kind: 'at', percentile: 37.5 });
    expect(marketPosition(100, { p10: 100, p25: 100, p50: 100, p75: 100, p90: 100 })).toEqual({
      kind: 'at',
      percentile: 50,
    });
  });

  it('reports against the outermost published point when P10/P90 are suppressed', () => {
    const noTails = { ...cell, p10: null, p90: null };
    expect(marketPosition(110, noTails)).toEqual({ kind: 'below', percentile: 25 });
    expect(marketPosition(200, noTails)).toEqual({ kind: 'above', percentile: 75 });
    expect(formatMarketPosition(marketPosition(110, noTails))).toBe('<25');
  });

  it('rejects a cell with no published points or decreasing points', () => {
    expect(() => marketPosition(1, {})).toThrow(RangeError);
    expect(() => marketPosition(NaN, cell)).toThrow(RangeError);
    expect(() => marketPosition(1, { ...cell, p50: 110 })).toThrow(RangeError);
  });

  it('puts each published point at its own rank, P50 at 50', () => {
    fc.assert(
      fc.property(distinctSet, (set) => {
        for (const key of PERCENTILE_KEYS) {
          expect(marketPosition(set[key], set)).toEqual({
            kind: 'at',
            percentile: PERCENTILE_RANKS[key],
          });
        }
      }),
    );
  });

  it('rises with the amount and stays within [10, 90] inside the cell', () => {
    const values = fc.array(fc.integer({ min: 1_000, max: 1_000_000 }), {
      minLength: 1,
      maxLength: 40,
    });
    const amount = fc.double({ min: 0, max: 1_100_000, noNaN: true });
    fc.assert(
      fc.property(values, amount, amount, (sample, a, b) => {
        const set = percentileSet(sample);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(asNumber(marketPosition(lo, set))).toBeLessThanOrEqual(
          asNumber(marketPosition(hi, set)),
        );
        const position = marketPosition(a, set);
        if (position.kind === 'at') {
          expect(position.percentile).toBeGreaterThanOrEqual(10);
          expect(position.percentile).toBeLessThanOrEqual(90);
        }
      }),
    );
  });
});
