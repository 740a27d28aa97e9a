import fc from 'fast-check';
import {
  assessConfidence,
  CONFIDENCE_LEVELS,
  lowerConfidence,
  medianAgeMonths,
} from './confidence';

const tight = { p25: 90, p50: 100, p75: 130 };

describe('confidence', () => {
  it('is high with ≥ 30 observations, median age ≤ 12 months and IQR / P50 ≤ 0.5', () => {
    expect(assessConfidence({ n: 40, medianAgeMonths: 6, ...tight })).toEqual({
      level: 'high',
      n: 40,
      medianAgeMonths: 6,
      dispersion: 0.4,
      reasons: [],
    });
    expect(
      assessConfidence({ n: 30, medianAgeMonths: 12, p25: 75, p50: 100, p75: 125 }).level,
    ).toBe('high');
  });

  it('is the weakest of size, recency and dispersion, and says why', () => {
    expect(assessConfidence({ n: 12, medianAgeMonths: 6, ...tight })).toMatchObject({
      level: 'medium',
      reasons: ['n = 12 is below 30'],
    });
    expect(assessConfidence({ n: 40, medianAgeMonths: 19, ...tight })).toMatchObject({
      level: 'low',
      reasons: ['median age 19 months is over 18'],
    });
    expect(
      assessConfidence({ n: 40, medianAgeMonths: 15, p25: 80, p50: 100, p75: 140 }),
    ).toMatchObject({
      level: 'medium',
      reasons: ['median age 15 months is over 12', 'dispersion (IQR / P50) 0.60 is over 0.5'],
    });
    expect(assessConfidence({ n: 9, medianAgeMonths: 1, ...tight }).level).toBe('low');
    expect(assessConfidence({ n: 40, medianAgeMonths: 1, p25: 60, p50: 100, p75: 150 }).level).toBe(
      'low',
    );
  });

  it('treats a non-positive median as unbounded dispersion', () => {
    expect(assessConfidence({ n: 40, medianAgeMonths: 1, p25: 0, p50: 0, p75: 0 })).toMatchObject({
      level: 'low',
      dispersion: Infinity,
    });
  });

  it('takes the thresholds as parameters', () => {
    const lenient = {
      high: { minN: 5, maxMedianAgeMonths: 24, maxDispersion: 1 },
      medium: { minN: 3, maxMedianAgeMonths: 24, maxDispersion: 2 },
    };
    expect(assessConfidence({ n: 5, medianAgeMonths: 20, ...tight }, lenient).level).toBe('high');
  });

  it('lowers a level by steps, never below low', () => {
    expect(lowerConfidence('high')).toBe('medium');
    expect(lowerConfidence('high', 2)).toBe('low');
    expect(lowerConfidence('low')).toBe('low');
  });

  it('takes the median age in whole months at the effective date', () => {
    expect(medianAgeMonths(['2024-01-01', '2024-07-01', '2025-06-01'], '2025-01-01')).toBe(6);
    expect(medianAgeMonths(['2024-01-01', '2024-07-01'], '2025-01-01')).toBe(9);
  });

  it('never drops with more observations, more recent data or less dispersion', () => {
    const n = fc.integer({ min: 0, max: 200 });
    const age = fc.double({ min: 0, max: 24, noNaN: true });
    const iqr = fc.double({ min: 0, max: 200, noNaN: true });
    const rank = (input: { n: number; medianAgeMonths: number; iqr: number }) =>
      CONFIDENCE_LEVELS.indexOf(
        assessConfidence({
          n: input.n,
          medianAgeMonths: input.medianAgeMonths,
          p25: 100,
          p50: 100,
          p75: 100 + input.iqr,
        }).level,
      );
    fc.assert(
      fc.property(n, n, age, age, iqr, iqr, (n1, n2, a1, a2, d1, d2) => {
        const worse = {
          n: Math.min(n1, n2),
          medianAgeMonths: Math.max(a1, a2),
          iqr: Math.max(d1, d2),
        };
        const better = {
          n: Math.max(n1, n2),
          medianAgeMonths: Math.min(a1, a2),
          iqr: Math.min(d1, d2),
        };
        expect(rank(worse)).toBeLessThanOrEqual(rank(better));
      }),
    );
  });
});
