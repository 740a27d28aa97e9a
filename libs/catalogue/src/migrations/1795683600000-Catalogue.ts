import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `catalogue` schema: job architecture, title aliases, level crosswalks, pay zones and FX
 * rates as relational tables, so the database itself refuses an alias to a missing role, a fixed
 * level off the role's ladder, two zones for one location or a second catch-all per country.
 */
export class Catalogue1795683600000 implements MigrationInterface {
  name = 'Catalogue1795683600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS catalogue`,
      `CREATE TABLE catalogue.job_families (
        code text PRIMARY KEY,
        name text NOT NULL,
        position integer NOT NULL
      )`,
      `CREATE TABLE catalogue.ladders (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('individual-contributor', 'management', 'executive')),
        position integer NOT NULL
      )`,
      `CREATE TABLE catalogue.levels (
        ladder_code text NOT NULL REFERENCES catalogue.ladders (code),
        code text NOT NULL,
        name text NOT NULL,
        rank integer NOT NULL CHECK (rank >= 1),
        position integer NOT NULL,
        PRIMARY KEY (ladder_code, code),
        UNIQUE (ladder_code, rank)
      )`,
      `CREATE TABLE catalogue.roles (
        code text PRIMARY KEY,
        name text NOT NULL,
        family_code text NOT NULL REFERENCES catalogue.job_families (code),
        ladder_code text NOT NULL REFERENCES catalogue.ladders (code),
        position integer NOT NULL,
        UNIQUE (code, ladder_code)
      )`,
      `CREATE TABLE catalogue.career_edges (
        from_role text NOT NULL REFERENCES catalogue.roles (code),
        to_role text NOT NULL REFERENCES catalogue.roles (code),
        kind text NOT NULL CHECK (kind IN ('entry-from', 'advance-to', 'lateral')),
        position integer NOT NULL,
        PRIMARY KEY (from_role, to_role),
        CHECK (from_role <> to_role)
      )`,
      `CREATE TABLE catalogue.title_aliases (
        title_key text PRIMARY KEY CHECK (title_key <> ''),
        title text NOT NULL,
        role_code text NOT NULL,
        ladder_code text NOT NULL,
        level_code text,
        position integer NOT NULL,
        FOREIGN KEY (role_code, ladder_code) REFERENCES catalogue.roles (code, ladder_code),
        FOREIGN KEY (ladder_code, level_code) REFERENCES catalogue.levels (ladder_code, code)
      )`,
      `CREATE INDEX title_aliases_role_idx ON catalogue.title_aliases (role_code)`,
      `CREATE TABLE catalogue.unmapped_titles (
        title_key text PRIMARY KEY CHECK (title_key <> ''),
        title text NOT NULL,
        reason text NOT NULL,
        position integer NOT NULL
      )`,
      `CREATE TABLE catalogue.level_crosswalks (
        source text NOT NULL,
        source_level text NOT NULL,
        ladder_code text NOT NULL,
        level_code text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (source, source_level, ladder_code),
        FOREIGN KEY (ladder_code, level_code) REFERENCES catalogue.levels (ladder_code, code)
      )`,
      `CREATE UNIQUE INDEX level_crosswalks_case_insensitive_uq
        ON catalogue.level_crosswalks (source, upper(source_level), ladder_code)`,
      `CREATE TABLE catalogue.subdivisions (
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        code text NOT NULL,
        name text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (country, code)
      )`,
      `CREATE TABLE catalogue.fx_rates (
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        effective_from date NOT NULL,
        usd_per_unit numeric NOT NULL CHECK (usd_per_unit > 0),
        source text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (currency, effective_from)
      )`,
      `CREATE TABLE catalogue.pay_zones (
        code text PRIMARY KEY,
        name text NOT NULL,
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        differential numeric NOT NULL CHECK (differential > 0),
        catch_all boolean NOT NULL,
        is_anchor boolean NOT NULL DEFAULT false,
        position integer NOT NULL,
        UNIQUE (code, country)
      )`,
      `CREATE UNIQUE INDEX pay_zones_one_catch_all_per_country_uq ON catalogue.pay_zones (country) WHERE catch_all`,
      `CREATE UNIQUE INDEX pay_zones_one_anchor_uq ON catalogue.pay_zones (is_anchor) WHERE is_anchor`,
      `CREATE TABLE catalogue.zone_rules (
        zone_code text NOT NULL,
        position integer NOT NULL,
        country text NOT NULL,
        region text,
        city text,
        region_key text NOT NULL,
        city_key text NOT NULL,
        PRIMARY KEY (zone_code, position),
        FOREIGN KEY (zone_code, country) REFERENCES catalogue.pay_zones (code, country),
        CHECK (region IS NOT NULL OR city IS NOT NULL)
      )`,
      `CREATE UNIQUE INDEX zone_rules_one_zone_per_location_uq ON catalogue.zone_rules (country, region_key, city_key)`,
      `CREATE TABLE catalogue.revisions (
        id serial PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_by text NOT NULL,
        versions jsonb NOT NULL,
        summary jsonb NOT NULL,
        notes jsonb NOT NULL DEFAULT '{}'::jsonb
      )`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'revisions',
      'zone_rules',
      'pay_zones',
      'fx_rates',
      'subdivisions',
      'level_crosswalks',
      'unmapped_titles',
      'title_aliases',
      'career_edges',
      'roles',
      'levels',
      'ladders',
      'job_families',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS catalogue.${table}`);
    }
    await queryRunner.query('DROP SCHEMA IF EXISTS catalogue');
  }
}
