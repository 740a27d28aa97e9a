import type { OfferDecisionV1, OfferStatus } from '@rangefinder/contracts';
import type { OfferCheck } from '../checks/offer-check';
import type { OfferTermsDto } from '../checks/offer-terms.dto';

/** A row of offers.offers: the offer, its latest check and the event finance last received. */
export interface OfferRow {
  id: string;
  idempotency_key: string | null;
  /** The submitted terms and requisition as JSON: what a replay must match. */
  request_fingerprint: string;
  requisition_id: string;
  submitted_by: string;
  /** The submitter's team (their token's `team` claim) at submission. */
  submitted_team: string | null;
  terms: OfferTermsDto;
  cell: string;
  status: OfferStatus;
  check: OfferCheck;
  approval_round: number;
  round_started_at: Date;
  created_at: Date;
  updated_at: Date;
  decided_at: Date | null;
  last_event: OfferDecisionV1;
}

/** A row of offers.approvals: one role's decision in one round. */
export interface ApprovalRow {
  round: number;
  role: string;
  decided_by: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  decided_at: Date;
}

/** A row of offers.audit, as read back. */
export interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  band_version: number | null;
  detail: Record<string, unknown>;
}
