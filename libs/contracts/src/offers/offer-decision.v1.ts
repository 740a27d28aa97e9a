export const OFFER_DECISION_SCHEMA = 'comp.offer-decision.v1';

export type OfferVerdictCode =
  'WITHIN_BAND' | 'BELOW_BAND' | 'ABOVE_BAND' | 'FAR_ABOVE_BAND' | 'NO_BAND';

export type OfferStatus = 'auto-approved' | 'pending-approval' | 'approved' | 'rejected';

export interface OfferApprovalV1 {
  role: string;
  by: string;
  decision: 'approve' | 'reject';
  at: string;
  comment: string | null;
}

/**
 * §4.4: one status change of an offer, keyed by offer id. Amounts are annual, in the band's
 * currency; `annualizedTotalUsd` and `costVsMidUsd` convert them at `fx` (USD per unit of the
 * band currency, rate in force on `fx.asOf`). `costVsMid` is base − band mid.
 */
export interface OfferDecisionV1 {
  schema: typeof OFFER_DECISION_SCHEMA;
  offerId: string;
  requisitionId: string;
  role: string;
  level: string;
  location: string;
  zone: string;
  currency: string;
  base: number;
  bonus: number;
  equity: number;
  annualizedTotal: number;
  annualizedTotalUsd: number;
  fx: { rate: number; asOf: string };
  band: { version: number; min: number; mid: number; max: number; openEnded: boolean } | null;
  compaRatio: number | null;
  rangePenetration: number | null;
  verdict: OfferVerdictCode;
  status: OfferStatus;
  approvals: OfferApprovalV1[];
  costVsMid: number | null;
  costVsMidUsd: number | null;
  decidedAt: string;
}
