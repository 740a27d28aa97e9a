import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { cellKey } from '@rangefinder/contracts';
import { OutboxRelayService } from '@rangefinder/messaging';
import type { AuthenticatedUser } from '@rangefinder/platform';
import { BandBook } from '../bands/band-book';
import { CheckOffer, offerTerms } from './check-offer';
import { initialStatus, isDecided } from './domain/approval-rules';
import { ReplayWithDifferentTerms } from './domain/offer-errors';
import type { SubmitOfferDto } from './offer.dto';
import { offerDecisionEvent } from './offer-decision.mapper';
import type { OfferRow } from './offer-rows';
import type { OfferView } from './offer-view.mapper';
import { isUniqueViolation, OffersRepository } from './offers.repository';
import { ReadOffers } from './read-offers';

/**
 * A recruiter submits an offer: checked, stored, auto-approved or sent for the approvals its
 * verdict needs, and announced in the same transaction. Idempotent on the ATS offer id or the
 * Idempotency-Key: a replay returns the same offer.
 */
@Injectable()
export class SubmitOffer {
  constructor(
    private readonly offers: OffersRepository,
    private readonly checks: CheckOffer,
    private readonly bands: BandBook,
    private readonly read: ReadOffers,
    private readonly catalogue: CatalogueProvider,
    private readonly relay: OutboxRelayService,
  ) {}

  async submit(
    dto: SubmitOfferDto,
    idempotencyKey: string | undefined,
    user: AuthenticatedUser,
  ): Promise<{ created: boolean; offer: OfferView }> {
    const terms = offerTerms(dto);
    const fingerprint = JSON.stringify({ ...terms, requisitionId: dto.requisitionId });
    const existing = await this.offers.findReplay(dto.offerId, idempotencyKey);
    if (existing) return { created: false, offer: await this.replay(existing, fingerprint) };

    const first = this.checks.check(terms);
    const cell = cellKey({ role: first.role, level: first.level, zone: first.location.zone });
    const id = dto.offerId ?? randomUUID();
    const now = new Date();
    try {
      await this.offers.transaction(async (tx) => {
        // Ordered with the storing of a new band for this cell, which re-checks waiting offers:
        // this check sees that band, or the re-check sees this offer — whatever the replica.
        await this.bands.current(tx, cell);
        const check = this.checks.check(terms);
        const status = initialStatus(check);
        const event = offerDecisionEvent(
          { id, requisition_id: dto.requisitionId, terms, check, status },
          [],
          now,
          this.catalogue.catalogue,
        );
        await this.offers.insert(tx, {
          id,
          idempotencyKey: idempotencyKey ?? null,
          fingerprint,
          requisitionId: dto.requisitionId,
          submittedBy: user.subject,
          submittedTeam: user.team ?? null,
          terms,
          cell,
          status,
          check,
          at: now,
          decidedAt: isDecided(status) ? now : null,
          event,
        });
        await this.offers.addAudit(tx, {
          offerId: id,
          actor: user.subject,
          action: 'submitted',
          bandVersion: check.publishedVersion,
          detail: { verdict: check.verdict, status, requiredApprovals: check.requiredApprovals },
        });
        await this.offers.enqueue(tx, event);
      });
    } catch (error) {
      // A concurrent submission of the same offer won the insert: answer as a replay.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.offers.findReplay(dto.offerId ?? id, idempotencyKey);
      if (!winner) throw error;
      return { created: false, offer: await this.replay(winner, fingerprint) };
    }
    this.relay.notify();
    return { created: true, offer: await this.read.get(id) };
  }

  private replay(row: OfferRow, fingerprint: string): Promise<OfferView> {
    if (row.request_fingerprint !== fingerprint) throw new ReplayWithDifferentTerms(row.id);
    return this.read.get(row.id);
  }
}
