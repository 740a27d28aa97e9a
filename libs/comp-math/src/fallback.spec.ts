import fc from 'fast-check';
import { type ConfidenceLevel } from './confidence';
import { deriveFromWiderGeography, type FallbackCandidate } from './fallback';

const country: FallbackCandidate = {
  scope: 'country',
  key: 'data-scientist|IC3|US',
  band: { min: 100_000, mid: 120_000, max: 140_000, openEnded: false },
  percentiles: { p10: null, p25: 100_000, p50: 120_000, p75: 140_000, p90: null },
  differential: 1,
  confidence: 'high',
};
const global: FallbackCandidate = {
  scope: 'global',
  key: 'data-scientist|IC3|global',
  band: { min: 80_000, mid: 100_000, max: 130_000, openEnded: true },
  differential: 0.8,
  confidence: 'high',
};

describe('fallback derivation', () => {
  it('scales the country band by target / source differential, one confidence level lower', () => {
    const derived = deriveFromWiderGeography(0.9, [global, country])!;
    expect(derived.derivedFrom).toEqual({ scope: 'country', key: 'data-scientist|IC3|US' });
    expect(derived.scale).toBe(0.9);
    expect(derived.band).toEqual({ min: 90_000, mid: 108_000, max: 126_000, openEnded: false });
    expect(derived.percentiles).toEqual({
      p10: null,
      p25: 90_000,
      p50: 108_000,
      p75: 126_000,
      p90: null,
    });
    expect(derived.confidence).toBe('medium');
  });

  it('falls back to global when the country is suppressed too, two levels lower', () => {
    const derived = deriveFromWiderGeography(0.9, [{ ...country, band: null }, global])!;
    expect(derived.derivedFrom.scope).toBe('global');
    expect(derived.scale).toBeCloseTo(1.125, 12);
    expect(derived.band.openEnded).toBe(true);
    expect(derived.band.mid).toBeCloseTo(112_500, 6);
    expect(derived.percentiles).toBeUndefined();
    expect(derived.confidence).toBe('low');
  });

  it('returns null when no wider geography has a band', () => {
    expect(deriveFromWiderGeography(1, [])).toBeNull();
    expect(
      deriveFromWiderGeography(1, [
        { ...country, band: null },
        { ...global, band: null },
      ]),
    ).toBeNull();
  });

  it('rejects differentials that are not positive multipliers', () => {
    expect(() => deriveFromWiderGeography(0, [country])).toThrow(RangeError);
    expect(() => deriveFromWiderGeography(1, [{ ...country, differential: -0.1 }])).toThrow(
      RangeError,
    );
  });

  it('is never high and keeps the band in proportion', () => {
    const level = fc.constantFrom<ConfidenceLevel>('high', 'medium', 'low');
    const differential = fc.double({ min: 0.3, max: 2, noNaN: true });
    fc.assert(
      fc.property(
        differential,
        differential,
        level,
        fc.boolean(),
        (target, source, confidence, useCountry) => {
          const candidate = {
            ...(useCountry ? country : global),
            differential: source,
            confidence,
          };
          const derived = deriveFromWiderGeography(target, [candidate])!;
          expect(derived.confidence).not.toBe('high');
          expect(derived.band.mid / candidate.band!.mid).toBeCloseTo(target / source, 12);
          expect(derived.band.min).toBeLessThanOrEqual(derived.band.mid);
          expect(derived.band.mid).toBeLessThanOrEqual(derived.band.max);
        },
      ),
    );
  });
});
