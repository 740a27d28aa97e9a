import { rateLimitsMigration } from '@rangefinder/platform';
import { BandsSchema1795770000000 } from './1795770000000-BandsSchema';
import { BandsMoneyNumeric1796700000000 } from './1796700000000-BandsMoneyNumeric';

export const BANDS_MIGRATIONS = [
  BandsSchema1795770000000,
  rateLimitsMigration('bands'),
  BandsMoneyNumeric1796700000000,
];
