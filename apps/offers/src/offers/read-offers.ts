import { Injectable } from '@nestjs/common';
import { OffersEnv } from '../offers.env';
import type { AuthenticatedUser } from '@rangefinder/platform';
import { VerdictPolicyService } from '../policy/verdict-policy.service';
import { inScope, offerScope, type OfferScope } from './domain/offer-access';
import { OfferNotFound } from './domain/offer-errors';
import { offerView, type ApprovalClock, type OfferView } from './offer-view.mapper';
import { OffersRepository } from './offers.repository';

/** Offers as recruiters and approvers read them, each reader the offers it may see. */
@Injectable()
export class ReadOffers {
  constructor(
    private readonly offers: OffersRepository,
    private readonly env: OffersEnv,
    private readonly policy: VerdictPolicyService,
  ) {}

  /** One offer; for a `reader` who may not see it, the same 404 as for a missing one. */
  async get(id: string, reader?: AuthenticatedUser): Promise<OfferView> {
    const row = await this.offers.find(id);
    const visible =
      row &&
      inScope(reader && this.scopeOf(reader), {
        submittedBy: row.submitted_by,
        submittedTeam: row.submitted_team,
      });
    if (!row || !visible) throw new OfferNotFound(id);
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
    const rows = await this.offers.list(status, this.scopeOf(reader));
    const clock = this.clock();
    return rows
      .map((row) => offerView(row, [], [], clock))
      .filter((offer) => !escalatedOnly || offer.waiting?.escalated)
      .map(({ audit: _audit, ...offer }) => offer);
  }

  /** Under the verdict policy in force: a change of visibility applies from the next read. */
  private scopeOf(reader: AuthenticatedUser): OfferScope | undefined {
    return offerScope(reader, this.policy.current.body.offerVisibility);
  }

  private clock(): ApprovalClock {
    return { now: new Date(), slaHours: this.env.OFFERS_APPROVAL_SLA_HOURS };
  }
}
