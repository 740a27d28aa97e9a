import { rateLimitsMigration } from '@rangefinder/platform';
import { IngestSchema1764140000000 } from './1764140000000-IngestSchema';

export const INGEST_MIGRATIONS = [IngestSchema1764140000000, rateLimitsMigration('ingest')];
