import { rateLimitsMigration } from '@rangefinder/platform';
import { BandsSchema1795770000000 } from './1795770000000-BandsSchema';

export const BANDS_MIGRATIONS = [BandsSchema1795770000000, rateLimitsMigration('bands')];
