import { Injectable } from '@nestjs/common';
import { OffersEnv } from '../offers.env';
import type { AuthenticatedUser } from '@rangefinder/platform';
import { visibleSubmitter } from './domain/offer-access';
import { OfferNotFound } from './domain/offer-errors';
import { offerView, type ApprovalClock, type OfferView } from './offer-view.mapper';
import { OffersRepository } from './offers.repository';

/** Offers as recruiters and approvers read them, each reader the offers it may see. */
@Injectable()
export class ReadOffers {
  constructor(
    private readonly offers: OffersRepository,
    private readonly env: OffersEnv,
  ) {}

  /** One offer; for a `reader` who may not see it, the same 404 as for a missing one. */
  async get(id: string, reader?: AuthenticatedUser): Promise<OfferView> {
    const row = await this.offers.find(id);
    const submitter = reader && visibleSubmitter(reader);
    if (!row || (submitter !== undefined && row.submitted_by !== submitter)) {
      throw new OfferNotFound(id);
    }
    const approvals = await this.offers.approvals(id);
    const audit = await this.offers.auditTrail(id);
    return offerView(row, approvals, audit, this.clock());
  }

  /** The queue, without decisions or audit trails: `get` one offer for those. */
  async list(
    status: string | undefined,
    escalatedOnly: boolean,
    reader: AuthenticatedUser,
  ): Promise<Omit<OfferView, 'audit'>[]> {
    const rows = await this.offers.list(status, visibleSubmitter(reader));
    const clock = this.clock();
    return rows
      .map((row) => offerView(row, [], [], clock))
      .filter((offer) => !escalatedOnly || offer.waiting?.escalated)
      .map(({ audit: _audit, ...offer }) => offer);
  }

  private clock(): ApprovalClock {
    return { now: new Date(), slaHours: this.env.OFFERS_APPROVAL_SLA_HOURS };
  }
}
