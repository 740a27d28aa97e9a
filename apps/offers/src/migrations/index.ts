import { OffersSchema1795780000000 } from './1795780000000-OffersSchema';
import { OffersRateLimits1796600000000 } from './1796600000000-RateLimits';

export const OFFERS_MIGRATIONS = [OffersSchema1795780000000, OffersRateLimits1796600000000];
