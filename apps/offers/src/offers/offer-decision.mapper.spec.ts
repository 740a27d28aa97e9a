import Decimal from 'decimal.js';
import fc from 'fast-check';
import type { OfferCheck } from '../checks/offer-check';
import { offerDecisionEvent, type DecidedOffer } from './offer-decision.mapper';
import type { ApprovalRow } from './offer-rows';

const AT = new Date('2026-03-02T09:30:00.000Z');
const USD_PER_GBP = 1.26582;
const USD_PER_UNIT: Record<string, number> = {
  USD: 1,
  GBP: USD_PER_GBP,
  JPY: 0.0067,
  EUR: 1.08365,
  KWD: 3.2615,
};

/** The independent oracle: the exact product, half-up to the cent. */
const exactUsd = (amount: number, currency: string) =>
  new Decimal(String(amount))
    .times(String(USD_PER_UNIT[currency]))
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toNumber();

/** A test FX table: US dollars per unit, in force since 2025-01-01. */
const fx = {
  convert(amount: number, from: string, to: string, isoDate: string) {
    if (to !== 'USD' || !(from in USD_PER_UNIT) || isoDate < '2025-01-01') return undefined;
    return { amount: amount * USD_PER_UNIT[from], rate: USD_PER_UNIT[from], asOf: '2025-01-01' };
  },
};

function checked(fields: Partial<OfferCheck> = {}): OfferCheck {
  return {
    verdict: 'FAR_ABOVE_BAND',
    policyVersion: 1,
    autoApproved: false,
    requiredApprovals: ['comp-lead', 'finance'],
    role: 'qa-engineer',
    level: 'IC6',
    location: {
      input: 'US-CA-San Francisco',
      zone: 'US-A',
      zoneName: 'US zone A',
      matchedBy: 'city',
    },
    band: {
      role: 'qa-engineer',
      level: 'IC6',
      zone: 'US-A',
      version: 2,
      effectiveFrom: '2026-01-01',
      currency: 'USD',
      percentiles: { p10: 109_000, p25: 122_500, p50: 145_000, p75: 167_500, p90: 181_000 },
      min: 122_500,
      mid: 145_000,
      max: 167_500,
      range: '$123k–$168k',
      openEnded: false,
      confidence: 'medium',
      derivedFrom: null,
    },
    publishedVersion: 2,
    pay: {
      currency: 'USD',
      base: 200_000,
      bonus: 20_000,
      equity: 30_000,
      totalCash: 220_000,
      totalComp: 250_000,
      fx: null,
    },
    compaRatio: 1.3793,
    rangePenetration: 1.7111,
    marketPosition: null,
    reasons: [],
    checkedAt: '2026-03-02',
    ...fields,
  };
}

const offer = (fields: Partial<DecidedOffer> = {}): DecidedOffer => ({
  id: 'o-far',
  requisition_id: 'REQ-1',
  terms: {
    role: 'qa-engineer',
    level: 'IC6',
    location: 'US-CA-San Francisco',
    currency: 'USD',
    period: 'year',
    base: 200_000,
    bonus: 20_000,
    equity: 30_000,
  },
  check: checked(),
  status: 'approved',
  ...fields,
});

const approval = (role: string, at: string, decision: 'approve' | 'reject' = 'approve') =>
  ({
    round: 1,
    role,
    decided_by: `${role}-1`,
    decision,
    comment: role === 'finance' ? null : 'scarce skills',
    decided_at: new Date(at),
  }) satisfies ApprovalRow;

describe('offerDecisionEvent', () => {
  it('is §4.4 for the offer as it stands, field by field in the contract order', () => {
    const event = offerDecisionEvent(
      offer(),
      [approval('comp-lead', '2026-03-02T09:00:00Z'), approval('finance', '2026-03-02T09:29:00Z')],
      AT,
      fx,
    );
    expect(event).toEqual({
      schema: 'comp.offer-decision.v1',
      offerId: 'o-far',
      requisitionId: 'REQ-1',
      role: 'qa-engineer',
      level: 'IC6',
      location: 'US-CA-San Francisco',
      zone: 'US-A',
      currency: 'USD',
      base: 200_000,
      bonus: 20_000,
      equity: 30_000,
      annualizedTotal: 250_000,
      annualizedTotalUsd: 250_000,
      fx: { rate: 1, asOf: '2025-01-01' },
      band: { version: 2, min: 122_500, mid: 145_000, max: 167_500, openEnded: false },
      compaRatio: 1.3793,
      rangePenetration: 1.7111,
      verdict: 'FAR_ABOVE_BAND',
      status: 'approved',
      approvals: [
        {
          role: 'comp-lead',
          by: 'comp-lead-1',
          decision: 'approve',
          at: '2026-03-02T09:00:00.000Z',
          comment: 'scarce skills',
        },
        {
          role: 'finance',
          by: 'finance-1',
          decision: 'approve',
          at: '2026-03-02T09:29:00.000Z',
          comment: null,
        },
      ],
      costVsMid: 55_000,
      costVsMidUsd: 55_000,
      decidedAt: '2026-03-02T09:30:00.000Z',
    });
    expect(Object.keys(event)).toEqual([
      'schema',
      'offerId',
      'requisitionId',
      'role',
      'level',
      'location',
      'zone',
      'currency',
      'base',
      'bonus',
      'equity',
      'annualizedTotal',
      'annualizedTotalUsd',
      'fx',
      'band',
      'compaRatio',
      'rangePenetration',
      'verdict',
      'status',
      'approvals',
      'costVsMid',
      'costVsMidUsd',
      'decidedAt',
    ]);
  });

  it('converts the annual cost to USD at the rate in force on the decision day, to the cent', () => {
    const london = checked({
      location: { input: 'GB-London', zone: 'GB-London', zoneName: 'London', matchedBy: 'city' },
      band: { ...checked().band!, zone: 'GB-London', currency: 'GBP', mid: 105_000 },
      pay: { ...checked().pay, currency: 'GBP', base: 110_000.55, totalComp: 123_456.78 },
    });
    const event = offerDecisionEvent(offer({ check: london }), [], AT, fx);
    expect(event).toMatchObject({
      currency: 'GBP',
      zone: 'GB-London',
      fx: { rate: USD_PER_GBP, asOf: '2025-01-01' },
      annualizedTotalUsd: 156_274.06, // 156,274.0612596
      costVsMid: 5_000.55,
      costVsMidUsd: 6_329.8, // 6,329.796201
    });
  });

  it('rounds the cost against the midpoint to the currency’s minor units', () => {
    const tokyo = checked({
      band: { ...checked().band!, currency: 'JPY', mid: 12_000_000.6 },
      pay: { ...checked().pay, currency: 'JPY', base: 12_500_000 },
    });
    expect(offerDecisionEvent(offer({ check: tokyo }), [], AT, fx).costVsMid).toBe(499_999);
  });

  it('has no band and no cost against a midpoint for a NO_BAND offer', () => {
    const noBand = checked({
      verdict: 'NO_BAND',
      band: null,
      compaRatio: null,
      rangePenetration: null,
      requiredApprovals: ['comp-analyst'],
    });
    const event = offerDecisionEvent(
      offer({ check: noBand, status: 'pending-approval' }),
      [],
      AT,
      fx,
    );
    expect(event).toMatchObject({
      verdict: 'NO_BAND',
      status: 'pending-approval',
      band: null,
      compaRatio: null,
      rangePenetration: null,
      costVsMid: null,
      costVsMidUsd: null,
      approvals: [],
    });
  });

  it('says so when there is no USD rate for the day: no rate, no date', () => {
    const event = offerDecisionEvent(offer(), [], new Date('2024-06-01T00:00:00Z'), fx);
    expect(event.fx).toEqual({ rate: Number.NaN, asOf: '' });
    expect(event.annualizedTotalUsd).toBeNaN();
  });

  it('keeps the amounts of the check and converts them at one rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('USD', 'GBP'),
        (base, extra, currency) => {
          const pay = { ...checked().pay, currency, base, totalComp: base + extra };
          const event = offerDecisionEvent(offer({ check: checked({ pay }) }), [], AT, fx);
          expect(event.base).toBe(base);
          expect(event.annualizedTotal).toBe(base + extra);
          expect(event.annualizedTotalUsd).toBe(exactUsd(base + extra, currency));
          expect(event.costVsMid).toBe(base - 145_000);
          expect(event.costVsMidUsd).toBe(exactUsd(event.costVsMid!, currency));
        },
      ),
    );
  });

  it('gives USD figures that add up to the cent across currencies, as budget impact sums them', () => {
    const offers: [string, number][] = [
      ['EUR', 98_765.43],
      ['JPY', 14_321_987],
      ['USD', 187_500.1],
      ['KWD', 41_234.567],
      ['GBP', 0.01],
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(offers, { minLength: 1 }), (some) => {
        const events = some.map(([currency, totalComp], i) =>
          offerDecisionEvent(
            offer({
              id: `o-${i}`,
              check: checked({ pay: { ...checked().pay, currency, totalComp } }),
            }),
            [],
            AT,
            fx,
          ),
        );
        for (const e of events) {
          expect(e.annualizedTotalUsd).toBe(exactUsd(e.annualizedTotal, e.currency));
          expect(String(e.annualizedTotalUsd)).toMatch(/^\d+(\.\d{1,2})?$/);
        }
        // What a consumer of the topic adds up is a whole number of cents, with no drift.
        const total = events.reduce((t, e) => t.plus(String(e.annualizedTotalUsd)), new Decimal(0));
        const cents = events.reduce((c, e) => c + Math.round(e.annualizedTotalUsd * 100), 0);
        expect(total.times(100).toNumber()).toBe(cents);
      }),
    );
  });
});
