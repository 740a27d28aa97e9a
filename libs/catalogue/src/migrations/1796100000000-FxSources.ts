import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FX rates become their own data set, loaded by `rangefinder fx import` with each rate's source
 * (file, checksum, who and when, how long its latest rates stay in force) instead of being one
 * of the catalogue files; and a zone may say why it pays in another currency than its country's.
 * Rates stored before keep working as the source `catalogue-seed`, in force until replaced.
 */
export class FxSources1796100000000 implements MigrationInterface {
  name = 'FxSources1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE catalogue.fx_sources (
        name text PRIMARY KEY CHECK (name ~ '^[a-z0-9._-]{1,64}$'),
        format text NOT NULL,
        max_age_days integer CHECK (max_age_days >= 0),
        file text NOT NULL,
        sha256 text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by text NOT NULL
      )`,
      `INSERT INTO catalogue.fx_sources (name, format, max_age_days, file, sha256, imported_by)
         SELECT 'catalogue-seed', 'catalogue', NULL, 'fx-rates.json', '', 'migration'
          WHERE EXISTS (SELECT 1 FROM catalogue.fx_rates)`,
      `UPDATE catalogue.fx_rates SET source = 'catalogue-seed'`,
      `DELETE FROM catalogue.fx_rates WHERE currency = 'USD'`,
      `ALTER TABLE catalogue.fx_rates DROP COLUMN position`,
      `ALTER TABLE catalogue.fx_rates
         ADD CONSTRAINT fx_rates_source_fkey FOREIGN KEY (source)
         REFERENCES catalogue.fx_sources (name) ON DELETE CASCADE`,
      `ALTER TABLE catalogue.fx_rates ADD CONSTRAINT fx_rates_not_base CHECK (currency <> 'USD')`,
      `ALTER TABLE catalogue.pay_zones ADD COLUMN currency_reason text`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE catalogue.pay_zones DROP COLUMN currency_reason`,
      `ALTER TABLE catalogue.fx_rates DROP CONSTRAINT fx_rates_not_base`,
      `ALTER TABLE catalogue.fx_rates DROP CONSTRAINT fx_rates_source_fkey`,
      `ALTER TABLE catalogue.fx_rates ADD COLUMN position integer NOT NULL DEFAULT 0`,
      `DROP TABLE catalogue.fx_sources`,
    ])
      await queryRunner.query(sql);
  }
}
