import fc from 'fast-check';
import { compaRatio, rangePenetration, spread } from './band-metrics';

const amount = fc.integer({ min: 1_000, max: 10_000_000 });
const band = fc
  .tuple(amount, amount, amount)
  .map((edges) => edges.sort((a, b) => a - b))
  .map(([min, mid, max]) => ({ min, mid, max }));

describe('band metrics', () => {
  it('spread is (max − min) / min', () => {
    expect(spread(100_000, 150_000)).toBe(0.5);
    expect(spread(220_000, 220_000)).toBe(0);
    expect(() => spread(0, 1)).toThrow(RangeError);
    expect(() => spread(200, 100)).toThrow(RangeError);
  });

  it('compa-ratio is base / mid', () => {
    expect(compaRatio(108_000, 120_000)).toBe(0.9);
    expect(() => compaRatio(1, 0)).toThrow(RangeError);
  });

  it('range penetration is (base − min) / (max − min), outside [0, 1] outside the band', () => {
    expect(rangePenetration(125_000, 100_000, 150_000)).toBe(0.5);
    expect(rangePenetration(90_000, 100_000, 150_000)).toBe(-0.2);
    expect(rangePenetration(160_000, 100_000, 150_000)).toBe(1.2);
    expect(() => rangePenetration(1, 200, 100)).toThrow(RangeError);
  });

  it('range penetration of a zero-width band is null', () => {
    expect(rangePenetration(100_000, 100_000, 100_000)).toBeNull();
    expect(rangePenetration(90_000, 100_000, 100_000)).toBeNull();
  });

  it('compa-ratio of the mid is 1; penetration of min is 0 and of max is 1', () => {
    fc.assert(
      fc.property(band, ({ min, mid, max }) => {
        expect(compaRatio(mid, mid)).toBe(1);
        if (max > min) {
          expect(rangePenetration(min, min, max)).toBe(0);
          expect(rangePenetration(max, min, max)).toBe(1);
        }
      }),
    );
  });

  it('compa-ratio and penetration rise with the base', () => {
    fc.assert(
      fc.property(band, amount, amount, ({ min, mid, max }, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(compaRatio(lo, mid)).toBeLessThanOrEqual(compaRatio(hi, mid));
        if (max > min)
          expect(rangePenetration(lo, min, max)!).toBeLessThanOrEqual(
            rangePenetration(hi, min, max)!,
          );
      }),
    );
  });
});
