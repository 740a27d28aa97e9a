import { BandsSchema1795770000000 } from './1795770000000-BandsSchema';
import { BandsRateLimits1796600000000 } from './1796600000000-RateLimits';

export const BANDS_MIGRATIONS = [BandsSchema1795770000000, BandsRateLimits1796600000000];
