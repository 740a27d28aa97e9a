import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { currencyDecimals, roundMoney } from '@rangefinder/comp-math';
import { CatalogueProvider } from '@rangefinder/catalogue';
import {
  OFFER_DECISION_SCHEMA,
  Topic,
  cellKey,
  type OfferApprovalV1,
  type OfferDecisionV1,
  type OfferStatus,
} from '@rangefinder/contracts';
import { enqueueOutbox, OutboxRelayService } from '@rangefinder/messaging';
import { invalidFields, type AuthenticatedUser } from '@rangefinder/platform';
import { BandBook, OFFERS_SCHEMA } from '../bands/band-book';
import { checkOffer, type OfferCheck } from '../checks/offer-check';
import type { OfferTermsDto } from '../checks/offer-terms.dto';
import { OffersEnv } from '../offers.env';
import { VerdictPolicyService } from '../policy/verdict-policy.service';
import type { DecisionDto, SubmitOfferDto } from './offer.dto';

interface OfferRow {
  id: string;
  idempotency_key: string | null;
  request_fingerprint: string;
  requisition_id: string;
  submitted_by: string;
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

interface ApprovalRow {
  round: number;
  role: string;
  decided_by: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  decided_at: Date;
}

interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  band_version: number | null;
  detail: Record<string, unknown>;
}

const today = () => new Date().toISOString().slice(0, 10);

const termsOf = (dto: OfferTermsDto): OfferTermsDto => ({
  role: dto.role,
  level: dto.level,
  location: dto.location,
  currency: dto.currency,
  period: dto.period ?? 'year',
  base: dto.base,
  bonus: dto.bonus ?? 0,
  equity: dto.equity ?? 0,
});

/**
 * The offer lifecycle (§3): submitted offers are checked, auto-approved or sent for the approvals
 * their verdict needs; each required role decides once per round; a newly published band re-checks
 * waiting offers and restarts their approvals when the verdict changes. Every status change is
 * one `comp.offers.v1` event, queued in the outbox in the transaction that makes the change.
 */
@Injectable()
export class OffersService {
  private readonly logger = new Logger(OffersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueProvider,
    private readonly bands: BandBook,
    private readonly relay: OutboxRelayService,
    private readonly env: OffersEnv,
    private readonly verdictPolicy: VerdictPolicyService,
  ) {}

  /** §3 for one offer; a 400 names the field that does not resolve. */
  check(terms: OfferTermsDto): OfferCheck {
    const date = today();
    const result = checkOffer(termsOf(terms), {
      catalogue: this.catalogue.catalogue,
      band: (cell) => this.bands.applying(cell, date),
      policy: this.verdictPolicy.current,
      today: date,
    });
    if (Array.isArray(result)) throw invalidFields(result);
    return result;
  }

  /** Idempotent on the ATS offer id or the Idempotency-Key: a replay returns the same offer. */
  async submit(
    dto: SubmitOfferDto,
    idempotencyKey: string | undefined,
    user: AuthenticatedUser,
  ): Promise<{ created: boolean; offer: ReturnType<OffersService['view']> }> {
    const terms = termsOf(dto);
    const fingerprint = JSON.stringify({ ...terms, requisitionId: dto.requisitionId });
    const existing = await this.findReplay(dto.offerId, idempotencyKey);
    if (existing) return { created: false, offer: await this.replay(existing, fingerprint) };

    const check = this.check(terms);
    const id = dto.offerId ?? randomUUID();
    const status: OfferStatus = check.autoApproved ? 'auto-approved' : 'pending-approval';
    const now = new Date();
    try {
      await this.dataSource.transaction(async (tx) => {
        const event = this.event(
          { id, requisition_id: dto.requisitionId, terms, check, status },
          [],
          now,
        );
        await tx.query(
          `INSERT INTO offers.offers (id, idempotency_key, request_fingerprint, requisition_id,
             submitted_by, terms, cell, status, "check", created_at, updated_at, round_started_at,
             decided_at, last_event)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10, $11, $12)`,
          [
            id,
            idempotencyKey ?? null,
            fingerprint,
            dto.requisitionId,
            user.subject,
            terms,
            cellKey({ role: check.role, level: check.level, zone: check.location.zone }),
            status,
            check,
            now,
            status === 'auto-approved' ? now : null,
            event,
          ],
        );
        await this.audit(tx, id, user.subject, 'submitted', check, {
          verdict: check.verdict,
          status,
          requiredApprovals: check.requiredApprovals,
        });
        await enqueueOutbox(tx, OFFERS_SCHEMA, [{ topic: Topic.Offers, key: id, value: event }]);
      });
    } catch (error) {
      // A concurrent submission of the same offer won the insert: answer as a replay.
      if ((error as { code?: string }).code !== '23505') throw error;
      const winner = await this.findReplay(dto.offerId ?? id, idempotencyKey);
      if (!winner) throw error;
      return { created: false, offer: await this.replay(winner, fingerprint) };
    }
    this.relay.notify();
    return { created: true, offer: await this.get(id) };
  }

  async get(id: string) {
    const [row] = await this.dataSource.query<OfferRow[]>(
      `SELECT * FROM offers.offers WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundException(`no offer ${id}`);
    const approvals = await this.dataSource.query<ApprovalRow[]>(
      `SELECT * FROM offers.approvals WHERE offer_id = $1 ORDER BY round, decided_at`,
      [id],
    );
    const audit = await this.dataSource.query<AuditRow[]>(
      `SELECT at, actor, action, band_version, detail FROM offers.audit WHERE offer_id = $1 ORDER BY id`,
      [id],
    );
    return this.view(row, approvals, audit);
  }

  async list(status: string | undefined, escalatedOnly: boolean) {
    const rows = await this.dataSource.query<OfferRow[]>(
      `SELECT * FROM offers.offers WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at LIMIT 1000`,
      [status ?? null],
    );
    return rows
      .map((row) => this.view(row, [], []))
      .filter((offer) => !escalatedOnly || offer.waiting?.escalated)
      .map(({ audit: _audit, ...offer }) => offer);
  }

  /** One approver's decision; the status changes when the round is complete or someone rejects. */
  async decide(id: string, dto: DecisionDto, user: AuthenticatedUser) {
    const changed = await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query<OfferRow[]>(
        `SELECT * FROM offers.offers WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new NotFoundException(`no offer ${id}`);
      if (row.status !== 'pending-approval') {
        throw new ConflictException(`offer ${id} is ${row.status}; it takes no more decisions`);
      }
      if (row.submitted_by === user.subject) {
        throw new ForbiddenException('a submitter never approves or rejects their own offer');
      }
      if (!row.check.requiredApprovals.includes(user.role)) {
        throw new ForbiddenException(
          `offer ${id} needs ${row.check.requiredApprovals.join(' and ')}, not ${user.role}`,
        );
      }
      const decided = await tx.query<ApprovalRow[]>(
        `SELECT * FROM offers.approvals WHERE offer_id = $1 AND round = $2`,
        [id, row.approval_round],
      );
      if (decided.some((a) => a.role === String(user.role))) {
        throw new ConflictException(`${user.role} has already decided offer ${id} in this round`);
      }
      const approval: ApprovalRow = {
        round: row.approval_round,
        role: user.role,
        decided_by: user.subject,
        decision: dto.decision,
        comment: dto.comment ?? null,
        decided_at: new Date(),
      };
      await tx.query(
        `INSERT INTO offers.approvals (offer_id, round, role, decided_by, decision, comment, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          approval.round,
          approval.role,
          approval.decided_by,
          approval.decision,
          approval.comment,
          approval.decided_at,
        ],
      );
      // The round's decisions in the order they were taken: the earlier ones, then this one.
      const approvals = [...decided.sort((a, b) => +a.decided_at - +b.decided_at), approval];
      await this.audit(
        tx,
        id,
        user.subject,
        dto.decision === 'approve' ? 'approved' : 'rejected',
        row.check,
        {
          role: user.role,
          comment: dto.comment ?? null,
        },
      );
      const approvedRoles = new Set(
        approvals.filter((a) => a.decision === 'approve').map((a) => a.role),
      );
      const status: OfferStatus | undefined =
        dto.decision === 'reject'
          ? 'rejected'
          : row.check.requiredApprovals.every((role) => approvedRoles.has(role))
            ? 'approved'
            : undefined;
      if (!status) return false;
      await this.changeStatus(tx, { ...row, status }, approvals, true);
      return true;
    });
    if (changed) this.relay.notify();
    return this.get(id);
  }

  /**
   * A newly published band re-checks every offer waiting in its cell. When the verdict changes the
   * approvals restart (a new round, possibly auto-approved); otherwise only the band version moves.
   */
  async recheck(cells: string[]): Promise<number> {
    if (cells.length === 0) return 0;
    return this.recheckWaiting(
      await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM offers.offers WHERE status = 'pending-approval' AND cell = ANY($1)`,
        [cells],
      ),
    );
  }

  /** After a verdict policy change. */
  async recheckAllWaiting(): Promise<number> {
    return this.recheckWaiting(
      await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM offers.offers WHERE status = 'pending-approval'`,
      ),
    );
  }

  private async recheckWaiting(waiting: { id: string }[]): Promise<number> {
    let restarted = 0;
    for (const { id } of waiting) {
      const restart = await this.dataSource.transaction(async (tx) => {
        const [row] = await tx.query<OfferRow[]>(
          `SELECT * FROM offers.offers WHERE id = $1 FOR UPDATE`,
          [id],
        );
        if (row?.status !== 'pending-approval') return false;
        const check = this.check(row.terms);
        if (
          check.publishedVersion === row.check.publishedVersion &&
          check.policyVersion === row.check.policyVersion
        ) {
          return false;
        }
        const detail = {
          from: {
            verdict: row.check.verdict,
            bandVersion: row.check.publishedVersion,
            policyVersion: row.check.policyVersion,
          },
          to: {
            verdict: check.verdict,
            bandVersion: check.publishedVersion,
            policyVersion: check.policyVersion,
          },
        };
        if (check.verdict === row.check.verdict) {
          await tx.query(
            `UPDATE offers.offers SET "check" = $2, updated_at = now() WHERE id = $1`,
            [id, check],
          );
          await this.audit(tx, id, 'rangefinder', 'rechecked: verdict unchanged', check, detail);
          return false;
        }
        const status: OfferStatus = check.autoApproved ? 'auto-approved' : 'pending-approval';
        await this.audit(tx, id, 'rangefinder', 'rechecked: approvals restarted', check, detail);
        await this.changeStatus(
          tx,
          { ...row, check, status, approval_round: row.approval_round + 1 },
          [],
          status === 'auto-approved',
        );
        return true;
      });
      if (restart) restarted++;
    }
    if (restarted > 0) {
      this.relay.notify();
      this.logger.log(
        `${restarted} waiting offers re-checked against new bands, approvals restarted`,
      );
    }
    return restarted;
  }

  private async changeStatus(
    tx: EntityManager,
    row: Pick<OfferRow, 'id' | 'requisition_id' | 'terms' | 'check' | 'status' | 'approval_round'>,
    approvals: ApprovalRow[],
    decided: boolean,
  ): Promise<void> {
    const now = new Date();
    const event = this.event(row, approvals, now);
    await tx.query(
      `UPDATE offers.offers SET status = $2, "check" = $3, approval_round = $4::int, last_event = $5,
         updated_at = $6::timestamptz,
         decided_at = CASE WHEN $7::boolean THEN $6::timestamptz ELSE NULL END,
         round_started_at = CASE WHEN approval_round <> $4::int THEN $6::timestamptz ELSE round_started_at END
       WHERE id = $1`,
      [row.id, row.status, row.check, row.approval_round, event, now, decided],
    );
    await enqueueOutbox(tx, OFFERS_SCHEMA, [{ topic: Topic.Offers, key: row.id, value: event }]);
  }

  private async audit(
    tx: EntityManager,
    id: string,
    actor: string,
    action: string,
    check: OfferCheck,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO offers.audit (offer_id, actor, action, band_version, detail) VALUES ($1, $2, $3, $4, $5)`,
      [id, actor, action, check.publishedVersion, detail],
    );
  }

  private findReplay(
    offerId: string | undefined,
    key: string | undefined,
  ): Promise<OfferRow | undefined> {
    if (!offerId && !key) return Promise.resolve(undefined);
    return this.dataSource
      .query<OfferRow[]>(
        `SELECT * FROM offers.offers WHERE id = $1 OR idempotency_key = $2 LIMIT 1`,
        [offerId ?? null, key ?? null],
      )
      .then(([row]) => row);
  }

  private async replay(row: OfferRow, fingerprint: string) {
    if (row.request_fingerprint !== fingerprint) {
      throw new ConflictException(
        `offer ${row.id} was already submitted with different terms; use a new offer id or Idempotency-Key`,
      );
    }
    return this.get(row.id);
  }

  /** §4.4 for the offer as it now stands: annual cost in the band's currency and in USD. */
  private event(
    row: Pick<OfferRow, 'id' | 'requisition_id' | 'terms' | 'check' | 'status'>,
    approvals: ApprovalRow[],
    at: Date,
  ): OfferDecisionV1 {
    const { check } = row;
    const { pay, band } = check;
    const usd = this.catalogue.catalogue.convert(
      1,
      pay.currency,
      'USD',
      at.toISOString().slice(0, 10),
    );
    const rate = usd?.rate ?? Number.NaN;
    const inUsd = (amount: number) => roundMoney(amount * rate, 2);
    const costVsMid = band ? roundMoney(pay.base - band.mid, currencyDecimals(pay.currency)) : null;
    return {
      schema: OFFER_DECISION_SCHEMA,
      offerId: row.id,
      requisitionId: row.requisition_id,
      role: check.role,
      level: check.level,
      location: row.terms.location,
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
      status: row.status,
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

  private view(row: OfferRow, approvals: ApprovalRow[], audit: AuditRow[]) {
    const current = approvals.filter((a) => a.round === row.approval_round);
    const waitingSince = row.round_started_at;
    const hours = (Date.now() - new Date(waitingSince).getTime()) / 3_600_000;
    return {
      id: row.id,
      requisitionId: row.requisition_id,
      status: row.status,
      submittedBy: row.submitted_by,
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
              slaHours: this.env.OFFERS_APPROVAL_SLA_HOURS,
              escalated: hours > this.env.OFFERS_APPROVAL_SLA_HOURS,
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
}
