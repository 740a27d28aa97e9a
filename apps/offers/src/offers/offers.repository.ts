import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Topic, type OfferDecisionV1, type OfferStatus } from '@rangefinder/contracts';
import { enqueueOutbox } from '@rangefinder/messaging';
import { OFFERS_SCHEMA } from '../bands/band-book';
import type { OfferCheck } from '../checks/offer-check';
import type { OfferTermsDto } from '../checks/offer-terms.dto';
import type { OfferScope } from './domain/offer-access';
import type { ApprovalRow, AuditRow, OfferRow } from './offer-rows';

export interface NewOffer {
  id: string;
  idempotencyKey: string | null;
  fingerprint: string;
  requisitionId: string;
  submittedBy: string;
  submittedTeam: string | null;
  terms: OfferTermsDto;
  cell: string;
  status: OfferStatus;
  check: OfferCheck;
  at: Date;
  decidedAt: Date | null;
  event: OfferDecisionV1;
}

export interface StatusChange {
  id: string;
  status: OfferStatus;
  check: OfferCheck;
  /** A round other than the stored one starts a new round (and its SLA clock) at `at`. */
  round: number;
  at: Date;
  decided: boolean;
  event: OfferDecisionV1;
}

export interface AuditEntry {
  offerId: string;
  actor: string;
  action: string;
  bandVersion: number | null;
  detail: Record<string, unknown>;
}

/** A unique constraint refused the insert: the same offer id or Idempotency-Key already exists. */
export const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === '23505';

/**
 * offers.offers, its approvals and audit trail, and the `comp.offers.v1` outbox. Methods taking an
 * EntityManager run inside the caller's transaction; `lock` holds the offer's row until it ends.
 */
@Injectable()
export class OffersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async find(id: string): Promise<OfferRow | undefined> {
    const [row] = await this.dataSource.query<OfferRow[]>(
      `SELECT * FROM offers.offers WHERE id = $1`,
      [id],
    );
    return row;
  }

  async lock(tx: EntityManager, id: string): Promise<OfferRow | undefined> {
    const [row] = await tx.query<OfferRow[]>(
      `SELECT * FROM offers.offers WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** The offer an ATS offer id or an Idempotency-Key already names. */
  async findReplay(
    offerId: string | undefined,
    key: string | undefined,
  ): Promise<OfferRow | undefined> {
    if (!offerId && !key) return undefined;
    const [row] = await this.dataSource.query<OfferRow[]>(
      `SELECT * FROM offers.offers WHERE id = $1 OR idempotency_key = $2 LIMIT 1`,
      [offerId ?? null, key ?? null],
    );
    return row;
  }

  /** Newest 1,000 by status, within a reader's scope (undefined: every offer). */
  list(status: string | undefined, scope: OfferScope | undefined): Promise<OfferRow[]> {
    return this.dataSource.query<OfferRow[]>(
      `SELECT * FROM offers.offers WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR submitted_by = $2 OR submitted_team = $3)
       ORDER BY created_at LIMIT 1000`,
      [status ?? null, scope?.submitter ?? null, scope?.team ?? null],
    );
  }

  async waitingIn(cells: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM offers.offers WHERE status = 'pending-approval' AND cell = ANY($1)`,
      [cells],
    );
    return rows.map((r) => r.id);
  }

  async allWaiting(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM offers.offers WHERE status = 'pending-approval'`,
    );
    return rows.map((r) => r.id);
  }

  /** Every round's decisions, round by round in the order taken. */
  approvals(id: string): Promise<ApprovalRow[]> {
    return this.dataSource.query<ApprovalRow[]>(
      `SELECT * FROM offers.approvals WHERE offer_id = $1 ORDER BY round, decided_at`,
      [id],
    );
  }

  roundApprovals(tx: EntityManager, id: string, round: number): Promise<ApprovalRow[]> {
    return tx.query<ApprovalRow[]>(
      `SELECT * FROM offers.approvals WHERE offer_id = $1 AND round = $2`,
      [id, round],
    );
  }

  auditTrail(id: string): Promise<AuditRow[]> {
    return this.dataSource.query<AuditRow[]>(
      `SELECT at, actor, action, band_version, detail FROM offers.audit WHERE offer_id = $1 ORDER BY id`,
      [id],
    );
  }

  async insert(tx: EntityManager, offer: NewOffer): Promise<void> {
    await tx.query(
      `INSERT INTO offers.offers (id, idempotency_key, request_fingerprint, requisition_id,
         submitted_by, submitted_team, terms, cell, status, "check", created_at, updated_at,
         round_started_at, decided_at, last_event)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11, $12, $13)`,
      [
        offer.id,
        offer.idempotencyKey,
        offer.fingerprint,
        offer.requisitionId,
        offer.submittedBy,
        offer.submittedTeam,
        offer.terms,
        offer.cell,
        offer.status,
        offer.check,
        offer.at,
        offer.decidedAt,
        offer.event,
      ],
    );
  }

  async addApproval(tx: EntityManager, offerId: string, approval: ApprovalRow): Promise<void> {
    await tx.query(
      `INSERT INTO offers.approvals (offer_id, round, role, decided_by, decision, comment, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        offerId,
        approval.round,
        approval.role,
        approval.decided_by,
        approval.decision,
        approval.comment,
        approval.decided_at,
      ],
    );
  }

  async addAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
    await tx.query(
      `INSERT INTO offers.audit (offer_id, actor, action, band_version, detail) VALUES ($1, $2, $3, $4, $5)`,
      [entry.offerId, entry.actor, entry.action, entry.bandVersion, entry.detail],
    );
  }

  /** A new check that leaves the status and the round as they are. */
  async updateCheck(tx: EntityManager, id: string, check: OfferCheck): Promise<void> {
    await tx.query(`UPDATE offers.offers SET "check" = $2, updated_at = now() WHERE id = $1`, [
      id,
      check,
    ]);
  }

  /** A new status, and its event queued in the same transaction: one event per status change. */
  async changeStatus(tx: EntityManager, change: StatusChange): Promise<void> {
    await tx.query(
      `UPDATE offers.offers SET status = $2, "check" = $3, approval_round = $4::int, last_event = $5,
         updated_at = $6::timestamptz,
         decided_at = CASE WHEN $7::boolean THEN $6::timestamptz ELSE NULL END,
         round_started_at = CASE WHEN approval_round <> $4::int THEN $6::timestamptz ELSE round_started_at END
       WHERE id = $1`,
      [
        change.id,
        change.status,
        change.check,
        change.round,
        change.event,
        change.at,
        change.decided,
      ],
    );
    await this.enqueue(tx, change.event);
  }

  async enqueue(tx: EntityManager, event: OfferDecisionV1): Promise<void> {
    await enqueueOutbox(tx, OFFERS_SCHEMA, [
      { topic: Topic.Offers, key: event.offerId, value: event },
    ]);
  }
}
