import { Injectable } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { OutboxRelayService } from '@rangefinder/messaging';
import type { AuthenticatedUser } from '@rangefinder/platform';
import { decisionRefusal, isDecided, statusAfterDecisions } from './domain/approval-rules';
import { OfferNotFound } from './domain/offer-errors';
import type { DecisionDto } from './offer.dto';
import { offerDecisionEvent } from './offer-decision.mapper';
import type { ApprovalRow } from './offer-rows';
import type { OfferView } from './offer-view.mapper';
import { OffersRepository } from './offers.repository';
import { ReadOffers } from './read-offers';

/** One approver's decision; the status changes when the round is complete or someone rejects. */
@Injectable()
export class DecideOffer {
  constructor(
    private readonly offers: OffersRepository,
    private readonly read: ReadOffers,
    private readonly catalogue: CatalogueProvider,
    private readonly relay: OutboxRelayService,
  ) {}

  async decide(id: string, dto: DecisionDto, user: AuthenticatedUser): Promise<OfferView> {
    const changed = await this.offers.transaction(async (tx) => {
      const row = await this.offers.lock(tx, id);
      if (!row) throw new OfferNotFound(id);
      const earlier = await this.offers.roundApprovals(tx, id, row.approval_round);
      const { requiredApprovals } = row.check;
      const refusal = decisionRefusal(
        { id, status: row.status, submittedBy: row.submitted_by, requiredApprovals },
        user,
        earlier,
      );
      if (refusal) throw refusal;
      const approval: ApprovalRow = {
        round: row.approval_round,
        role: user.role,
        decided_by: user.subject,
        decision: dto.decision,
        comment: dto.comment ?? null,
        decided_at: new Date(),
      };
      await this.offers.addApproval(tx, id, approval);
      // The round's decisions in the order they were taken: the earlier ones, then this one.
      const round = [...earlier.sort((a, b) => +a.decided_at - +b.decided_at), approval];
      await this.offers.addAudit(tx, {
        offerId: id,
        actor: user.subject,
        action: dto.decision === 'approve' ? 'approved' : 'rejected',
        bandVersion: row.check.publishedVersion,
        detail: { role: user.role, comment: dto.comment ?? null },
      });
      const status = statusAfterDecisions(requiredApprovals, round);
      if (!isDecided(status)) return false;
      const at = new Date();
      await this.offers.changeStatus(tx, {
        id,
        status,
        check: row.check,
        round: row.approval_round,
        at,
        decided: true,
        event: offerDecisionEvent({ ...row, status }, round, at, this.catalogue.catalogue),
      });
      return true;
    });
    if (changed) this.relay.notify();
    return this.read.get(id);
  }
}
