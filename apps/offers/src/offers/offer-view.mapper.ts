import type { OfferStatus } from '@rangefinder/contracts';
import type { OfferCheck } from '../checks/offer-check';
import type { OfferTermsDto } from '../checks/offer-terms.dto';
import type { ApprovalRow, AuditRow, OfferRow } from './offer-rows';

export interface OfferView {
  id: string;
  requisitionId: string;
  status: OfferStatus;
  submittedBy: string;
  submittedTeam: string | null;
  terms: OfferTermsDto;
  check: OfferCheck;
  approvals: {
    round: number;
    required: string[];
    pending: string[];
    decisions: {
      role: string;
      by: string;
      decision: 'approve' | 'reject';
      comment: string | null;
      at: string;
    }[];
  };
  /** The approval SLA of a waiting offer: its clock starts with the round. */
  waiting: { since: string; hours: number; slaHours: number; escalated: boolean } | null;
  createdAt: string;
  decidedAt: string | null;
  audit: ({ at: string; actor: string; action: string; bandVersion: number | null } & Record<
    string,
    unknown
  >)[];
}

export interface ApprovalClock {
  now: Date;
  slaHours: number;
}

/** An offer over HTTP: its check, the current round's approvals, its SLA and its audit trail. */
export function offerView(
  row: OfferRow,
  approvals: readonly ApprovalRow[],
  audit: readonly AuditRow[],
  clock: ApprovalClock,
): OfferView {
  const current = approvals.filter((a) => a.round === row.approval_round);
  const waitingSince = row.round_started_at;
  const hours = (clock.now.getTime() - new Date(waitingSince).getTime()) / 3_600_000;
  return {
    id: row.id,
    requisitionId: row.requisition_id,
    status: row.status,
    submittedBy: row.submitted_by,
    submittedTeam: row.submitted_team,
    terms: row.terms,
    check: row.check,
    approvals: {
      round: row.approval_round,
      required: row.check.requiredApprovals,
      pending:
        row.status === 'pending-approval'
          ? row.check.requiredApprovals.filter((r) => !current.some((a) => a.role === r))
          : [],
      decisions: current.map((a) => ({
        role: a.role,
        by: a.decided_by,
        decision: a.decision,
        comment: a.comment,
        at: new Date(a.decided_at).toISOString(),
      })),
    },
    waiting:
      row.status === 'pending-approval'
        ? {
            since: new Date(waitingSince).toISOString(),
            hours: Math.round(hours * 10) / 10,
            slaHours: clock.slaHours,
            escalated: hours > clock.slaHours,
          }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    audit: audit.map((a) => ({
      at: new Date(a.at).toISOString(),
      actor: a.actor,
      action: a.action,
      bandVersion: a.band_version,
      ...a.detail,
    })),
  };
}
