import { Injectable } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { BandBook } from '../bands/band-book';
import { VerdictPolicyService } from '../policy/verdict-policy.service';
import { checkOffer, type OfferCheck } from '../checks/offer-check';
import type { OfferTermsDto } from '../checks/offer-terms.dto';
import { InvalidOfferTerms } from './domain/offer-errors';

/** The calendar day (UTC) a check is made on. */
export const today = () => new Date().toISOString().slice(0, 10);

/** The terms as checked and stored: the optional fields with their defaults. */
export const offerTerms = (dto: OfferTermsDto): OfferTermsDto => ({
  role: dto.role,
  level: dto.level,
  location: dto.location,
  currency: dto.currency,
  period: dto.period ?? 'year',
  base: dto.base,
  bonus: dto.bonus ?? 0,
  equity: dto.equity ?? 0,
});

/** §3 for one offer today, against the band that applies and the verdict policy in force. */
@Injectable()
export class CheckOffer {
  constructor(
    private readonly catalogue: CatalogueProvider,
    private readonly bands: BandBook,
    private readonly verdictPolicy: VerdictPolicyService,
  ) {}

  /** Throws InvalidOfferTerms naming each field that does not resolve. */
  check(terms: OfferTermsDto): OfferCheck {
    const date = today();
    const result = checkOffer(offerTerms(terms), {
      catalogue: this.catalogue.catalogue,
      band: (cell) => this.bands.applying(cell, date),
      policy: this.verdictPolicy.current,
      today: date,
    });
    if (Array.isArray(result)) throw new InvalidOfferTerms(result);
    return result;
  }
}
