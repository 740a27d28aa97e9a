import type { MigrationInterface, QueryRunner } from 'typeorm';

const MONEY_COLUMNS = ['base', 'bonus', 'equity', 'base_usd'];

/**
 * Money is decimal (DOMAIN §2): the observation amounts become `numeric`, as ingest stores them.
 * A double holds the 15 significant digits the cast keeps, so stored amounts (at most cents, below
 * 10^13) convert exactly. `weight` stays double precision: a relative importance, not money.
 */
export class BandsMoneyNumeric1796700000000 implements MigrationInterface {
  name = 'BandsMoneyNumeric1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bands.observations ${MONEY_COLUMNS.map(
        (c) => `ALTER COLUMN ${c} TYPE numeric USING ${c}::numeric`,
      ).join(', ')}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bands.observations ${MONEY_COLUMNS.map(
        (c) => `ALTER COLUMN ${c} TYPE double precision USING ${c}::double precision`,
      ).join(', ')}`,
    );
  }
}
