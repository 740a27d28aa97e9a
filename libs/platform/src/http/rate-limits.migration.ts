import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rateLimitDdl } from './postgres-throttler.storage';

/** The migration that adds a service's rate-limit counters, shared by every replica of it. */
export function rateLimitsMigration(schema: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = `${schema[0].toUpperCase()}${schema.slice(1)}RateLimits1796600000000`;

    async up(q: QueryRunner): Promise<void> {
      await q.query(rateLimitDdl(schema));
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}".rate_limits`);
    }
  };
}
