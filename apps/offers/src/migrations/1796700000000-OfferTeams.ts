import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The submitting recruiter's team, from their token at submission (null: the token named none).
 * A recruiter may read their team's offers when the verdict policy says so.
 */
export class OfferTeams1796700000000 implements MigrationInterface {
  name = 'OfferTeams1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offers.offers ADD COLUMN submitted_team text`);
    await q.query(
      `CREATE INDEX offers_submitted_team ON offers.offers (submitted_team) WHERE submitted_team IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX offers.offers_submitted_team`);
    await q.query(`ALTER TABLE offers.offers DROP COLUMN submitted_team`);
  }
}
