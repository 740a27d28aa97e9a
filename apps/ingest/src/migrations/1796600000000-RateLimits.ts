import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rateLimitDdl } from '@rangefinder/platform';

/** Rate-limit counters shared by every replica of the service. */
export class IngestRateLimits1796600000000 implements MigrationInterface {
  name = 'IngestRateLimits1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(rateLimitDdl('ingest'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingest.rate_limits`);
  }
}
