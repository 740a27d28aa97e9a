import { convertMoney, sumMoney } from '@rangefinder/comp-math';
import type { Catalogue } from '@rangefinder/catalogue';
import {
  OFFER_DECISION_SCHEMA,
  type OfferApprovalV1,
  type OfferDecisionV1,
} from '@rangefinder/contracts';
import type { ApprovalRow, OfferRow } from './offer-rows';

/** The offer as it stands after a status change. */
export type DecidedOffer = Pick<OfferRow, 'id' | 'requisition_id' | 'terms' | 'check' | 'status'>;

/**
 * §4.4 for the offer as it now stands: annual cost in the band's currency and in USD at the rate
 * in force on the day of the decision. `approvals` are the current round's, in the order taken.
 * Money rule: each USD figure is its band-currency figure converted exactly and rounded half-up to
 * the cent, once; `/v1/budget-impact` sums these very figures exactly, so the two reconcile.
 */
export function offerDecisionEvent(
  offer: DecidedOffer,
  approvals: readonly ApprovalRow[],
  at: Date,
  fx: Pick<Catalogue, 'convert'>,
): OfferDecisionV1 {
  const { check } = offer;
  const { pay, band } = check;
  const usd = fx.convert(1, pay.currency, 'USD', at.toISOString().slice(0, 10));
  const rate = usd?.rate ?? Number.NaN;
  const inUsd = (amount: number) => (usd ? convertMoney(amount, usd.rate, 'USD') : Number.NaN);
  const costVsMid = band ? sumMoney([pay.base, -band.mid], pay.currency) : null;
  return {
    schema: OFFER_DECISION_SCHEMA,
    offerId: offer.id,
    requisitionId: offer.requisition_id,
    role: check.role,
    level: check.level,
    location: offer.terms.location,
    zone: check.location.zone,
    currency: pay.currency,
    base: pay.base,
    bonus: pay.bonus,
    equity: pay.equity,
    annualizedTotal: pay.totalComp,
    annualizedTotalUsd: inUsd(pay.totalComp),
    fx: { rate, asOf: usd?.asOf ?? '' },
    band: band && {
      version: band.version,
      min: band.min,
      mid: band.mid,
      max: band.max,
      openEnded: band.openEnded,
    },
    compaRatio: check.compaRatio,
    rangePenetration: check.rangePenetration,
    verdict: check.verdict,
    status: offer.status,
    approvals: approvals.map((a): OfferApprovalV1 => ({
      role: a.role,
      by: a.decided_by,
      decision: a.decision,
      at: new Date(a.decided_at).toISOString(),
      comment: a.comment,
    })),
    costVsMid,
    costVsMidUsd: costVsMid === null ? null : inUsd(costVsMid),
    decidedAt: at.toISOString(),
  };
}
