import type { OfferStatus, OfferVerdictCode } from '@rangefinder/contracts';
import {
  AlreadyDecided,
  NotAnApprover,
  OfferClosed,
  OwnOffer,
  type OfferError,
} from './offer-errors';

/** What the approval rules need of an offer. */
export interface OfferUnderApproval {
  id: string;
  status: OfferStatus;
  submittedBy: string;
  requiredApprovals: readonly string[];
}

export interface Decider {
  subject: string;
  role: string;
}

export interface RoundDecision {
  role: string;
  decision: 'approve' | 'reject';
}

/** What a check says about an offer, as far as its approvals are concerned. */
export interface CheckOutcome {
  verdict: OfferVerdictCode;
  autoApproved: boolean;
  publishedVersion: number | null;
  policyVersion: number;
}

export type RecheckOutcome =
  /** Same band version and policy version: nothing to record. */
  | { kind: 'unchanged' }
  /** A new band or policy version with the same verdict: the approvals given so far still hold. */
  | { kind: 'version-moved' }
  /** A new verdict: a new round starts, auto-approved or waiting for its approvals. */
  | { kind: 'restarted'; status: OfferStatus; round: number };

/** A submitted offer's first status: §3's auto-approval, or waiting for its approvers. */
export function initialStatus(check: Pick<CheckOutcome, 'autoApproved'>): OfferStatus {
  return check.autoApproved ? 'auto-approved' : 'pending-approval';
}

/** Approved, auto-approved and rejected are final: the offer is decided. */
export function isDecided(status: OfferStatus): boolean {
  return status !== 'pending-approval';
}

/**
 * Why `decider` may not decide the offer now, or undefined when they may: only a waiting offer,
 * never by its submitter, only by a role its verdict requires, once per role per round.
 */
export function decisionRefusal(
  offer: OfferUnderApproval,
  decider: Decider,
  round: readonly RoundDecision[],
): OfferError | undefined {
  if (offer.status !== 'pending-approval') return new OfferClosed(offer.id, offer.status);
  if (offer.submittedBy === decider.subject) return new OwnOffer();
  if (!offer.requiredApprovals.includes(decider.role)) {
    return new NotAnApprover(offer.id, offer.requiredApprovals, decider.role);
  }
  if (round.some((d) => d.role === decider.role)) return new AlreadyDecided(offer.id, decider.role);
  return undefined;
}

/**
 * The status once a round holds these decisions: a rejection ends it, and it is approved when
 * every required role has approved; otherwise the offer still waits.
 */
export function statusAfterDecisions(
  requiredApprovals: readonly string[],
  round: readonly RoundDecision[],
): OfferStatus {
  if (round.some((d) => d.decision === 'reject')) return 'rejected';
  const approved = new Set(round.filter((d) => d.decision === 'approve').map((d) => d.role));
  return requiredApprovals.every((role) => approved.has(role)) ? 'approved' : 'pending-approval';
}

/**
 * A waiting offer checked again after a band or policy change (§3): its approvals restart only
 * when the verdict changes.
 */
export function recheckOutcome(
  offer: { round: number; check: CheckOutcome },
  fresh: CheckOutcome,
): RecheckOutcome {
  if (
    fresh.publishedVersion === offer.check.publishedVersion &&
    fresh.policyVersion === offer.check.policyVersion
  ) {
    return { kind: 'unchanged' };
  }
  if (fresh.verdict === offer.check.verdict) return { kind: 'version-moved' };
  return { kind: 'restarted', status: initialStatus(fresh), round: offer.round + 1 };
}
