import fc from 'fast-check';
import {
  applySuppression,
  DEFAULT_SUPPRESSION_RULES,
  type SampleRecord,
  suppressionDecision,
} from './suppression';

const anonymous = (n: number): SampleRecord[] => Array.from({ length: n }, () => ({}));
const fromCompanies = (...ids: string[]): SampleRecord[] => ids.map((companyId) => ({ companyId }));
const ALL = ['p10', 'p25', 'p50', 'p75', 'p90'];
const CORE = ['p25', 'p50', 'p75'];

describe('suppression', () => {
  it('publishes nothing below 5 observations', () => {
    const decision = suppressionDecision(anonymous(4));
    expect(decision).toMatchObject({
      publishable: [],
      cellSuppressed: true,
      n: 4,
      companies: null,
    });
    expect(decision.reasons).toEqual(['too-few-observations']);
  });

  it('needs 10 observations for P10 and P90', () => {
    expect(suppressionDecision(anonymous(5))).toMatchObject({
      publishable: CORE,
      cellSuppressed: false,
      reasons: ['too-few-observations-for-tails'],
    });
    expect(suppressionDecision(anonymous(9)).publishable).toEqual(CORE);
    expect(suppressionDecision(anonymous(10))).toMatchObject({ publishable: ALL, reasons: [] });
  });

  it('needs 5 companies where company ids are known', () => {
    const four = suppressionDecision(
      fromCompanies('a', 'a', 'b', 'b', 'c', 'c', 'd', 'd', 'a', 'b'),
    );
    expect(four).toMatchObject({
      publishable: [],
      companies: 4,
      reasons: ['too-few-companies', 'dominant-company'],
    });
    const five = suppressionDecision(
      fromCompanies('a', 'a', 'b', 'b', 'c', 'c', 'd', 'd', 'e', 'e'),
    );
    expect(five).toMatchObject({
      publishable: ALL,
      companies: 5,
      largestCompanyShare: 0.2,
      reasons: [],
    });
  });

  it('suppresses a cell where one company holds over 25 % of the weight, not exactly 25 %', () => {
    const atLimit = suppressionDecision(fromCompanies('a', 'a', 'b', 'c', 'd', 'e', 'f', 'g'));
    expect(atLimit).toMatchObject({ cellSuppressed: false, largestCompanyShare: 0.25 });
    const over = suppressionDecision(
      fromCompanies('a', 'a', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
    );
    expect(over).toMatchObject({
      publishable: [],
      largestCompanyShare: 0.3,
      reasons: ['dominant-company'],
    });
  });

  it('measures dominance by weight, not by count', () => {
    const heavy = [{ companyId: 'a', weight: 2 }, ...fromCompanies('b', 'c', 'd', 'e')];
    expect(suppressionDecision(heavy)).toMatchObject({
      cellSuppressed: true,
      reasons: ['dominant-company'],
    });
    // 3 × 0.1 of 12 × 0.1 is 25 % even though the float sums are not exact.
    const tenths = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'd', 'd', 'e', 'e'].map(
      (companyId) => ({
        companyId,
        weight: 0.1,
      }),
    );
    expect(suppressionDecision(tenths).cellSuppressed).toBe(false);
  });

  it('counts each record without a company id as its own company', () => {
    const mixed = [...anonymous(9), { companyId: 'a' }];
    expect(suppressionDecision(mixed)).toMatchObject({
      publishable: ALL,
      companies: 1,
      companiesCounted: 10,
      largestCompanyShare: 0.1,
    });
  });

  it('takes the thresholds as parameters', () => {
    const strict = {
      ...DEFAULT_SUPPRESSION_RULES,
      minObservations: 20,
      minObservationsForTails: 30,
    };
    expect(suppressionDecision(anonymous(19), strict).cellSuppressed).toBe(true);
    expect(suppressionDecision(anonymous(20), strict).publishable).toEqual(CORE);
  });

  it('rejects weights that are not > 0', () => {
    expect(() => suppressionDecision([{ weight: 0 }])).toThrow(RangeError);
  });

  it('nulls every figure the decision does not allow', () => {
    const figures = { p10: 1, p25: 2, p50: 3, p75: 4, p90: 5 };
    expect(applySuppression(figures, suppressionDecision(anonymous(6)))).toEqual({
      p10: null,
      p25: 2,
      p50: 3,
      p75: 4,
      p90: null,
    });
    expect(Object.values(applySuppression(figures, suppressionDecision(anonymous(3))))).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('never publishes a figure the rules forbid, whatever the sample', () => {
    const record = fc.record({
      companyId: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { nil: null }),
      weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (sample) => {
        const decision = suppressionDecision(sample);
        if (
          sample.length < 5 ||
          decision.reasons.some((r) => r !== 'too-few-observations-for-tails')
        ) {
          expect(decision.publishable).toEqual([]);
        }
        if (sample.length < 10) expect(decision.publishable).not.toContain('p10');
        if (sample.length < 10) expect(decision.publishable).not.toContain('p90');
        if (decision.largestCompanyShare !== null && decision.largestCompanyShare > 0.250001) {
          expect(decision.cellSuppressed).toBe(true);
        }
        expect(suppressionDecision([...sample].reverse())).toEqual(decision);
      }),
    );
  });
});
