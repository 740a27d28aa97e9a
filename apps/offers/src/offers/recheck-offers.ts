import { Injectable, Logger } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { OutboxRelayService } from '@rangefinder/messaging';
import type { OfferCheck } from '../checks/offer-check';
import { CheckOffer } from './check-offer';
import { isDecided, recheckOutcome } from './domain/approval-rules';
import { offerDecisionEvent } from './offer-decision.mapper';
import { OffersRepository } from './offers.repository';

const RECHECKER = 'rangefinder';

const checkedAgainst = (check: OfferCheck) => ({
  verdict: check.verdict,
  bandVersion: check.publishedVersion,
  policyVersion: check.policyVersion,
});

/**
 * A newly published band re-checks every offer waiting in its cell, a new verdict policy every
 * waiting offer. When the verdict changes the approvals restart (a new round, possibly
 * auto-approved); otherwise only the band or policy version moves.
 */
@Injectable()
export class RecheckOffers {
  private readonly logger = new Logger(RecheckOffers.name);

  constructor(
    private readonly offers: OffersRepository,
    private readonly checks: CheckOffer,
    private readonly catalogue: CatalogueProvider,
    private readonly relay: OutboxRelayService,
  ) {}

  /** After bands were published in these cells; returns how many offers' approvals restarted. */
  async recheck(cells: string[]): Promise<number> {
    if (cells.length === 0) return 0;
    return this.recheckWaiting(await this.offers.waitingIn(cells));
  }

  /** After a verdict policy change. */
  async recheckAllWaiting(): Promise<number> {
    return this.recheckWaiting(await this.offers.allWaiting());
  }

  private async recheckWaiting(ids: string[]): Promise<number> {
    let restarted = 0;
    for (const id of ids) {
      if (await this.recheckOne(id)) restarted++;
    }
    if (restarted > 0) {
      this.relay.notify();
      this.logger.log(
        `${restarted} waiting offers re-checked against new bands, approvals restarted`,
      );
    }
    return restarted;
  }

  /** One offer under its row lock, if it still waits; true when its approvals restarted. */
  private recheckOne(id: string): Promise<boolean> {
    return this.offers.transaction(async (tx) => {
      const row = await this.offers.lock(tx, id);
      if (!row || isDecided(row.status)) return false;
      const check = this.checks.check(row.terms);
      const outcome = recheckOutcome({ round: row.approval_round, check: row.check }, check);
      if (outcome.kind === 'unchanged') return false;
      const audit = {
        offerId: id,
        actor: RECHECKER,
        bandVersion: check.publishedVersion,
        detail: { from: checkedAgainst(row.check), to: checkedAgainst(check) },
      };
      if (outcome.kind === 'version-moved') {
        await this.offers.updateCheck(tx, id, check);
        await this.offers.addAudit(tx, { ...audit, action: 'rechecked: verdict unchanged' });
        return false;
      }
      await this.offers.addAudit(tx, { ...audit, action: 'rechecked: approvals restarted' });
      const at = new Date();
      const { status, round } = outcome;
      await this.offers.changeStatus(tx, {
        id,
        status,
        check,
        round,
        at,
        decided: isDecided(status),
        event: offerDecisionEvent({ ...row, check, status }, [], at, this.catalogue.catalogue),
      });
      return true;
    });
  }
}
