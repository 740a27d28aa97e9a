import fc from 'fast-check';
import { DEFAULT_VERDICT_POLICY, type OfferVerdict, offerVerdict } from './verdict';

const closed = { min: 100_000, max: 150_000, openEnded: false };
const ORDER: OfferVerdict[] = ['BELOW_BAND', 'WITHIN_BAND', 'ABOVE_BAND', 'FAR_ABOVE_BAND'];

describe('offer verdict', () => {
  it.each([
    [99_999.99, 'BELOW_BAND', ['comp-lead']],
    [100_000, 'WITHIN_BAND', []],
    [125_000, 'WITHIN_BAND', []],
    [150_000, 'WITHIN_BAND', []],
    [150_000.01, 'ABOVE_BAND', ['comp-lead']],
    [165_000, 'ABOVE_BAND', ['comp-lead']],
    [165_000.01, 'FAR_ABOVE_BAND', ['comp-lead', 'finance']],
  ])('base %d against [100k, 150k] is %s, approved by %j', (base, verdict, approvers) => {
    expect(offerVerdict(base, closed)).toEqual({
      verdict,
      requiredApprovals: approvers,
      autoApproved: approvers.length === 0,
    });
  });

  it('treats anything above an open-ended max as ABOVE_BAND', () => {
    const open = { ...closed, openEnded: true };
    expect(offerVerdict(150_000, open).verdict).toBe('WITHIN_BAND');
    expect(offerVerdict(165_000.01, open).verdict).toBe('ABOVE_BAND');
    expect(offerVerdict(10_000_000, open)).toMatchObject({
      verdict: 'ABOVE_BAND',
      requiredApprovals: ['comp-lead'],
    });
  });

  it('without a publishable band needs the comp analyst', () => {
    expect(offerVerdict(120_000, null)).toEqual({
      verdict: 'NO_BAND',
      requiredApprovals: ['comp-analyst'],
      autoApproved: false,
    });
  });

  it('judges exactly 10 % over max as ABOVE_BAND despite binary floating point', () => {
    // max × 1.1 is 123456.78 × 1.1 = 135802.458 → limit 135802.46
    const odd = { min: 100_000, max: 123_456.78, openEnded: false };
    expect(offerVerdict(135_802.46, odd).verdict).toBe('ABOVE_BAND');
    expect(offerVerdict(135_802.47, odd).verdict).toBe('FAR_ABOVE_BAND');
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 10_000_000 }), (max) => {
        const band = { min: 1, max, openEnded: false };
        const limit = (max * 110) / 100; // exact decimal, parsed to its nearest double
        expect(offerVerdict(limit, band).verdict).toBe('ABOVE_BAND');
        expect(offerVerdict(limit + 0.01, band).verdict).toBe('FAR_ABOVE_BAND');
      }),
    );
  });

  it('takes thresholds and approvers as policy data', () => {
    const policy = {
      farAboveMaxRatio: 0.2,
      approvals: {
        ...DEFAULT_VERDICT_POLICY.approvals,
        BELOW_BAND: [],
        ABOVE_BAND: ['finance' as const],
      },
    };
    expect(offerVerdict(175_000, closed, policy)).toEqual({
      verdict: 'ABOVE_BAND',
      requiredApprovals: ['finance'],
      autoApproved: false,
    });
    expect(offerVerdict(50_000, closed, policy)).toMatchObject({
      verdict: 'BELOW_BAND',
      autoApproved: true,
    });
  });

  it('rejects a base that is not a number', () => {
    expect(() => offerVerdict(NaN, closed)).toThrow(RangeError);
  });

  it('never gets kinder as the base rises', () => {
    const base = fc.integer({ min: 0, max: 30_000_000 }).map((cents) => cents / 100);
    fc.assert(
      fc.property(base, base, fc.boolean(), (a, b, openEnded) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const band = { ...closed, openEnded };
        expect(ORDER.indexOf(offerVerdict(lo, band).verdict)).toBeLessThanOrEqual(
          ORDER.indexOf(offerVerdict(hi, band).verdict),
        );
      }),
    );
  });
});
