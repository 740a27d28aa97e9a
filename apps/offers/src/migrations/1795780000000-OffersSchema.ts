import type { MigrationInterface, QueryRunner } from 'typeorm';
import { consumerProgressDdl, outboxTableDdl } from '@rangefinder/messaging';

export class OffersSchema1795780000000 implements MigrationInterface {
  name = 'OffersSchema1795780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS offers`);
    // The offers service's own copy of comp.bands.v1: checks never call the bands service.
    await q.query(`CREATE TABLE offers.bands (
      cell text NOT NULL,
      version int NOT NULL,
      band jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (cell, version)
    )`);
    await q.query(consumerProgressDdl('offers'));
    await q.query(`CREATE TABLE offers.verdict_policies (
      version serial PRIMARY KEY,
      body jsonb NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE offers.offers (
      id text PRIMARY KEY,
      idempotency_key text UNIQUE,
      request_fingerprint text NOT NULL,
      requisition_id text NOT NULL,
      submitted_by text NOT NULL,
      terms jsonb NOT NULL,
      cell text NOT NULL,
      status text NOT NULL,
      "check" jsonb NOT NULL,
      approval_round int NOT NULL DEFAULT 1,
      -- When the current approval round began: the SLA clock.
      round_started_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      -- The latest comp.offers.v1 event: what finance holds, and what budget impact sums.
      last_event jsonb NOT NULL
    )`);
    await q.query(
      `CREATE INDEX offers_pending_cell ON offers.offers (cell) WHERE status = 'pending-approval'`,
    );
    await q.query(`CREATE TABLE offers.approvals (
      offer_id text NOT NULL REFERENCES offers.offers (id),
      round int NOT NULL,
      role text NOT NULL,
      decided_by text NOT NULL,
      decision text NOT NULL,
      comment text,
      decided_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (offer_id, round, role)
    )`);
    // The audit trail: who did what to an offer, when, against which band version.
    await q.query(`CREATE TABLE offers.audit (
      id bigserial PRIMARY KEY,
      offer_id text NOT NULL REFERENCES offers.offers (id),
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      action text NOT NULL,
      band_version int,
      detail jsonb NOT NULL
    )`);
    await q.query(`CREATE INDEX audit_offer ON offers.audit (offer_id, id)`);
    for (const statement of outboxTableDdl('offers')) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA offers CASCADE`);
  }
}
