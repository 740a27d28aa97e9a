import fc from 'fast-check';
import {
  differentialMultiplier,
  differentialPercent,
  roundStructureAmount,
  type StructureRounding,
  zoneStructureRange,
} from './structure';

const anchor = { min: 100_000, mid: 125_000, max: 150_000 };
const rounding = fc.constantFrom<StructureRounding>(
  'whole-dollar-half-up',
  'nearest-100',
  'nearest-1000',
);
const anchorRange = fc
  .tuple(
    fc.integer({ min: 1_000, max: 2_000_000 }),
    fc.integer({ min: 1_000, max: 2_000_000 }),
    fc.integer({ min: 1_000, max: 2_000_000 }),
  )
  .map((edges) => edges.sort((a, b) => a - b))
  .map(([min, mid, max]) => ({ min, mid, max }));
const multiplier = fc.double({ min: 0.5, max: 1.5, noNaN: true });

describe('structure ranges', () => {
  it('maps §2 differential percentages to zone multipliers: −10 % ≙ 0.90', () => {
    expect(differentialMultiplier(-10)).toBe(0.9);
    expect(differentialMultiplier(15)).toBe(1.15);
    expect(differentialMultiplier(0)).toBe(1);
    expect(differentialPercent(0.9)).toBe(-10);
    expect(differentialPercent(0.8)).toBe(-20);
  });

  it.each([
    ['whole-dollar-half-up', 100_000.5, 100_001],
    ['whole-dollar-half-up', 100_000.49, 100_000],
    ['nearest-100', 123_450, 123_500],
    ['nearest-100', 123_449.99, 123_400],
    ['nearest-1000', 106_250, 106_000],
    ['nearest-1000', 127_500, 128_000],
  ] as [StructureRounding, number, number][])('%s rounds %d to %d', (rule, amount, expected) => {
    expect(roundStructureAmount(amount, rule)).toBe(expected);
  });

  it('derives a zone range as anchor × multiplier, rounded', () => {
    expect(zoneStructureRange(anchor, 0.9, 'whole-dollar-half-up')).toEqual({
      min: 90_000,
      mid: 112_500,
      max: 135_000,
    });
    expect(zoneStructureRange(anchor, 0.85, 'nearest-1000')).toEqual({
      min: 85_000,
      mid: 106_000,
      max: 128_000,
    });
    expect(
      zoneStructureRange({ min: 33_333, mid: 44_444, max: 55_555 }, 1.1, 'nearest-100'),
    ).toEqual({
      min: 36_700,
      mid: 48_900,
      max: 61_100,
    });
  });

  it('caps every edge at the pay cap, after rounding', () => {
    expect(zoneStructureRange(anchor, 0.9, 'whole-dollar-half-up', 120_000)).toEqual({
      min: 90_000,
      mid: 112_500,
      max: 120_000,
    });
    expect(zoneStructureRange(anchor, 0.9, 'whole-dollar-half-up', 110_000)).toEqual({
      min: 90_000,
      mid: 110_000,
      max: 110_000,
    });
    expect(zoneStructureRange(anchor, 1, 'nearest-1000', 127_345).max).toBe(127_345);
    expect(zoneStructureRange(anchor, 1, 'nearest-1000', 50_000)).toEqual({
      min: 50_000,
      mid: 50_000,
      max: 50_000,
    });
  });

  it('rejects a disordered anchor, a bad multiplier or a bad cap', () => {
    expect(() => zoneStructureRange({ min: 2, mid: 1, max: 3 }, 1, 'nearest-100')).toThrow(
      RangeError,
    );
    expect(() => zoneStructureRange({ min: 0, mid: 1, max: 3 }, 1, 'nearest-100')).toThrow(
      RangeError,
    );
    expect(() => zoneStructureRange(anchor, 0, 'nearest-100')).toThrow(RangeError);
    expect(() => zoneStructureRange(anchor, 1, 'nearest-100', 0)).toThrow(RangeError);
    expect(() => roundStructureAmount(1, 'nearest-10' as StructureRounding)).toThrow(RangeError);
  });

  it('rounding is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e8, noNaN: true }), rounding, (amount, rule) => {
        const once = roundStructureAmount(amount, rule);
        expect(roundStructureAmount(once, rule)).toBe(once);
      }),
    );
  });

  it('keeps min ≤ mid ≤ max and every edge at or under the cap', () => {
    const cap = fc.option(fc.integer({ min: 1_000, max: 3_000_000 }), { nil: undefined });
    fc.assert(
      fc.property(anchorRange, multiplier, rounding, cap, (range, factor, rule, payCap) => {
        const zone = zoneStructureRange(range, factor, rule, payCap);
        expect(zone.min).toBeLessThanOrEqual(zone.mid);
        expect(zone.mid).toBeLessThanOrEqual(zone.max);
        if (payCap !== undefined) expect(zone.max).toBeLessThanOrEqual(payCap);
        // A binding cap stays exact, off the grid: only uncapped ranges re-derive to themselves.
        if (payCap === undefined) expect(zoneStructureRange(zone, 1, rule)).toEqual(zone);
      }),
    );
  });
});
