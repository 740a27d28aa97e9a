import fc from 'fast-check';
import { assertBandPolicy, bandEdges, DEFAULT_BAND_POLICIES, type LadderKind } from './band-edges';
import { percentileSet } from './percentiles';

const percentiles = { p10: 90, p25: 100, p50: 120, p75: 140, p90: 170 };

describe('band edges', () => {
  it('draws IC and management bands from P25/P50/P75, closed', () => {
    expect(bandEdges(percentiles, DEFAULT_BAND_POLICIES.ic)).toEqual({
      min: 100,
      mid: 120,
      max: 140,
      openEnded: false,
    });
    expect(bandEdges(percentiles, DEFAULT_BAND_POLICIES.management)).toEqual(
      bandEdges(percentiles, DEFAULT_BAND_POLICIES.ic),
    );
  });

  it('draws executive bands from P25/P50/P90, open-ended', () => {
    expect(bandEdges(percentiles, DEFAULT_BAND_POLICIES.executive)).toEqual({
      min: 100,
      mid: 120,
      max: 170,
      openEnded: true,
    });
  });

  it('has no band when an edge it needs is suppressed', () => {
    const noTails = { ...percentiles, p10: null, p90: null };
    expect(bandEdges(noTails, DEFAULT_BAND_POLICIES.executive)).toBeNull();
    expect(bandEdges(noTails, DEFAULT_BAND_POLICIES.ic)).toEqual({
      min: 100,
      mid: 120,
      max: 140,
      openEnded: false,
    });
    expect(bandEdges({}, DEFAULT_BAND_POLICIES.ic)).toBeNull();
  });

  it('takes any policy as data and rejects one whose edges are out of order', () => {
    expect(
      bandEdges(percentiles, { min: 'p10', mid: 'p50', max: 'p90', openEnded: false }),
    ).toEqual({
      min: 90,
      mid: 120,
      max: 170,
      openEnded: false,
    });
    expect(() =>
      assertBandPolicy({ min: 'p50', mid: 'p25', max: 'p75', openEnded: false }),
    ).toThrow(RangeError);
    expect(() =>
      assertBandPolicy({ min: 'p5' as never, mid: 'p50', max: 'p75', openEnded: false }),
    ).toThrow(RangeError);
  });

  it('keeps min ≤ mid ≤ max for every default policy', () => {
    const ladder = fc.constantFrom<LadderKind>('ic', 'management', 'executive');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: 1_000_000 }), { minLength: 1 }),
        ladder,
        (values, kind) => {
          const band = bandEdges(percentileSet(values), DEFAULT_BAND_POLICIES[kind])!;
          expect(band.min).toBeLessThanOrEqual(band.mid);
          expect(band.mid).toBeLessThanOrEqual(band.max);
        },
      ),
    );
  });
});
