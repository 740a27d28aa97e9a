import fc from 'fast-check';
import { blendByCredibility, combineSurveys, completeFromShape, credibility } from './credibility';
import { PERCENTILE_KEYS } from './percentiles';

const SURVEY = { p10: 80, p25: 95, p50: 120, p75: 150, p90: 180 };
const RECORDS = { p10: 100, p25: 110, p50: 130, p75: 160, p90: 200 };

describe('credibility', () => {
  it('is n / (n + K)', () => {
    expect(credibility(10, 30)).toBe(0.25);
    expect(credibility(0, 30)).toBe(0);
    expect(credibility(970, 30)).toBe(0.97);
  });

  it('is 1 when K is 0, also without records', () => {
    expect(credibility(0, 0)).toBe(1);
    expect(credibility(8, 0)).toBe(1);
  });

  it('refuses a negative or fractional count and a negative K', () => {
    expect(() => credibility(-1, 30)).toThrow(RangeError);
    expect(() => credibility(2.5, 30)).toThrow(RangeError);
    expect(() => credibility(5, -1)).toThrow(RangeError);
  });
});

describe('completeFromShape', () => {
  it('estimates missing tails from the shape around the inner neighbour', () => {
    const done = completeFromShape({ ...RECORDS, p10: null, p90: null }, SURVEY);
    expect(done.p10).toBeCloseTo((110 * 80) / 95, 9);
    expect(done.p90).toBeCloseTo((160 * 180) / 150, 9);
    expect(done.p50).toBe(130);
  });

  it('works outward from the median, so a missing P75 then P90 are both estimated', () => {
    const done = completeFromShape({ ...SURVEY, p75: null, p90: null }, RECORDS);
    expect(done.p75).toBeCloseTo((120 * 160) / 130, 9);
    expect(done.p90).toBeCloseTo(done.p75! * (200 / 160), 9);
  });

  it('never estimates a point past its own outer neighbour', () => {
    const done = completeFromShape({ p10: null, p25: 90, p50: 100, p75: null, p90: 110 }, SURVEY);
    expect(done.p75).toBe(110);
  });

  it('leaves a point missing where the shape lacks it too', () => {
    const done = completeFromShape({ ...RECORDS, p90: null }, { ...SURVEY, p90: null });
    expect(done.p90).toBeNull();
  });
});

describe('blendByCredibility', () => {
  it('blends every point with the same Z', () => {
    const blended = blendByCredibility(RECORDS, SURVEY, 0.25);
    for (const k of PERCENTILE_KEYS) {
      expect(blended[k]).toBeCloseTo(0.25 * RECORDS[k] + 0.75 * SURVEY[k], 9);
    }
  });

  it('returns the records unchanged at Z = 1, the survey at Z = 0', () => {
    expect(blendByCredibility({ ...RECORDS, p90: null }, SURVEY, 1)).toEqual({
      ...RECORDS,
      p90: null,
    });
    const surveyOnly = blendByCredibility(RECORDS, SURVEY, 0);
    for (const k of PERCENTILE_KEYS) expect(surveyOnly[k]).toBeCloseTo(SURVEY[k], 9);
  });

  it('never takes a point from one source alone: P90 missing on both stays missing', () => {
    const blended = blendByCredibility({ ...RECORDS, p90: null }, { ...SURVEY, p90: null }, 0.5);
    expect(blended.p90).toBeNull();
    expect(blended.p75).toBeCloseTo(155, 9);
  });

  it('refuses a weight outside [0, 1]', () => {
    expect(() => blendByCredibility(RECORDS, SURVEY, 1.5)).toThrow(RangeError);
  });

  it('keeps the points in order for any two ordered sources, any missing tails and any Z', () => {
    const ordered = fc
      .array(fc.integer({ min: 10_000, max: 500_000 }), { minLength: 5, maxLength: 5 })
      .map((values) => values.sort((a, b) => a - b));
    const holes = fc.record({ p10: fc.boolean(), p90: fc.boolean(), p75: fc.boolean() });
    const asSet = (v: number[], h: { p10: boolean; p90: boolean; p75: boolean }) => ({
      p10: h.p10 ? null : v[0],
      p25: v[1],
      p50: v[2],
      p75: h.p75 ? null : v[3],
      p90: h.p90 ? null : v[4],
    });
    fc.assert(
      fc.property(
        ordered,
        holes,
        ordered,
        holes,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, ha, b, hb, z) => {
          const blended = blendByCredibility(asSet(a, ha), asSet(b, hb), z);
          const points = PERCENTILE_KEYS.map((k) => blended[k]).filter((v) => v != null);
          for (let i = 1; i < points.length; i++)
            expect(points[i]).toBeGreaterThanOrEqual(points[i - 1] * (1 - 1e-12));
        },
      ),
    );
  });
});

describe('combineSurveys', () => {
  it('weighs surveys by their declared weights, keeping only points every survey gives', () => {
    const combined = combineSurveys([
      { percentiles: SURVEY, weight: 1 },
      { percentiles: { ...RECORDS, p90: null }, weight: 3 },
    ]);
    expect(combined.p50).toBeCloseTo((120 + 3 * 130) / 4, 9);
    expect(combined.p90).toBeNull();
  });
});
