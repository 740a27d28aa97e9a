import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rateLimitDdl } from '@rangefinder/platform';

/** Rate-limit counters shared by every replica of the service. */
export class OffersRateLimits1796600000000 implements MigrationInterface {
  name = 'OffersRateLimits1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(rateLimitDdl('offers'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offers.rate_limits`);
  }
}
