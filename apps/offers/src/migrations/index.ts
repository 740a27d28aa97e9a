import { rateLimitsMigration } from '@rangefinder/platform';
import { OffersSchema1795780000000 } from './1795780000000-OffersSchema';
import { OfferTeams1796700000000 } from './1796700000000-OfferTeams';

export const OFFERS_MIGRATIONS = [
  OffersSchema1795780000000,
  rateLimitsMigration('offers'),
  OfferTeams1796700000000,
];
