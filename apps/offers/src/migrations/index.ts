import { rateLimitsMigration } from '@rangefinder/platform';
import { OffersSchema1795780000000 } from './1795780000000-OffersSchema';

export const OFFERS_MIGRATIONS = [OffersSchema1795780000000, rateLimitsMigration('offers')];
