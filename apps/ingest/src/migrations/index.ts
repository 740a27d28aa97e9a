import { IngestSchema1764140000000 } from './1764140000000-IngestSchema';
import { IngestRateLimits1796600000000 } from './1796600000000-RateLimits';

export const INGEST_MIGRATIONS = [IngestSchema1764140000000, IngestRateLimits1796600000000];
