import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableDdl } from '@rangefinder/messaging';

export class IngestSchema1764140000000 implements MigrationInterface {
  name = 'IngestSchema1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS ingest`);
    // Amounts are unconstrained numeric: validation bounds them, and a storage overflow must never
    // turn a message into a poison pill that blocks its partition.
    await q.query(`CREATE SEQUENCE ingest.observation_revision`);
    await q.query(`CREATE TABLE ingest.observations (
      source text NOT NULL,
      source_record_id text NOT NULL,
      kafka_partition int NOT NULL,
      kafka_offset bigint NOT NULL,
      revision bigint NOT NULL DEFAULT nextval('ingest.observation_revision'),
      observed_at date NOT NULL,
      role text NOT NULL,
      level text NOT NULL,
      zone text NOT NULL,
      country text NOT NULL,
      region text,
      city text,
      employment_type text NOT NULL,
      period text NOT NULL,
      original_currency text NOT NULL,
      original_base numeric NOT NULL,
      currency text NOT NULL,
      base numeric NOT NULL,
      bonus numeric,
      equity numeric,
      base_usd numeric NOT NULL,
      fx_rate double precision NOT NULL,
      fx_as_of date NOT NULL,
      company_id text,
      weight double precision NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, source_record_id)
    )`);
    await q.query(`CREATE TABLE ingest.consumer_progress (
      consumer_group text NOT NULL,
      topic text NOT NULL,
      partition int NOT NULL,
      next_offset bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer_group, topic, partition)
    )`);
    // Counters per source AND partition: concurrent partitions never wait on one counter row.
    await q.query(`CREATE TABLE ingest.source_stats (
      source text NOT NULL,
      partition int NOT NULL,
      held bigint NOT NULL DEFAULT 0,
      accepted bigint NOT NULL DEFAULT 0,
      corrected bigint NOT NULL DEFAULT 0,
      erased bigint NOT NULL DEFAULT 0,
      rejected bigint NOT NULL DEFAULT 0,
      last_delivered_at timestamptz NOT NULL,
      PRIMARY KEY (source, partition)
    )`);
    await q.query(`CREATE TABLE ingest.source_rejections (
      source text NOT NULL,
      code text NOT NULL,
      partition int NOT NULL,
      count bigint NOT NULL,
      last_rejected_at timestamptz NOT NULL,
      PRIMARY KEY (source, code, partition)
    )`);
    for (const statement of outboxTableDdl('ingest')) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA ingest CASCADE`);
  }
}
