import { Injectable } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import type { InputChecks, Shaped } from '@rangefinder/platform';
import { OfferTermsDto } from '../checks/offer-terms.dto';
import { offerTermsProblems } from '../checks/offer-terms-problems';
import { today } from './check-offer';

/** The catalogue stage of offer terms at the edge: offer checks and submissions alike. */
@Injectable()
export class OfferTermsChecks implements InputChecks<OfferTermsDto> {
  readonly input = OfferTermsDto;

  constructor(private readonly catalogue: CatalogueProvider) {}

  problems(terms: Shaped<OfferTermsDto>, refused: ReadonlySet<string>) {
    return offerTermsProblems(terms, this.catalogue.catalogue, today(), refused);
  }
}
