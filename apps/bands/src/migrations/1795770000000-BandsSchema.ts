import type { MigrationInterface, QueryRunner } from 'typeorm';
import { consumerProgressDdl, outboxTableDdl } from '@rangefinder/messaging';

export class BandsSchema1795770000000 implements MigrationInterface {
  name = 'BandsSchema1795770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS bands`);
    // The bands service's own copy of ingest's hand-off: services share events, not schemas.
    await q.query(`CREATE TABLE bands.observations (
      key text PRIMARY KEY,
      revision bigint NOT NULL,
      source text NOT NULL,
      observed_at date NOT NULL,
      role text NOT NULL,
      level text NOT NULL,
      zone text NOT NULL,
      country text NOT NULL,
      employment_type text NOT NULL,
      currency text NOT NULL,
      base double precision NOT NULL,
      bonus double precision,
      equity double precision,
      base_usd double precision NOT NULL,
      company_id text,
      weight double precision NOT NULL
    )`);
    await q.query(consumerProgressDdl('bands'));
    await q.query(`CREATE TABLE bands.policies (
      version serial PRIMARY KEY,
      body jsonb NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Published versions are immutable: nothing updates or deletes them.
    await q.query(`CREATE TABLE bands.band_versions (
      id bigserial PRIMARY KEY,
      cell text NOT NULL,
      role text NOT NULL,
      level text NOT NULL,
      zone text NOT NULL,
      version int NOT NULL,
      effective_from date NOT NULL,
      band jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      published_by text NOT NULL,
      UNIQUE (cell, version)
    )`);
    await q.query(`CREATE INDEX band_versions_role_level ON bands.band_versions (role, level)`);
    await q.query(`CREATE TABLE bands.structures (
      id serial PRIMARY KEY,
      name text NOT NULL,
      body jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE bands.survey_tables (
      id serial PRIMARY KEY,
      source text NOT NULL UNIQUE,
      body jsonb NOT NULL,
      loaded_by text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now()
    )`);
    for (const statement of outboxTableDdl('bands')) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA bands CASCADE`);
  }
}
