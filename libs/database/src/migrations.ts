import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';

/**
 * Runs pending migrations while holding a Postgres advisory lock, so that several replicas
 * starting at once migrate exactly once and the others wait for the result.
 */
export async function runMigrations(dataSource: DataSource, lockName: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [
      `rangefinder:migrations:${lockName}`,
    ]);
    // TypeORM keeps its migrations table inside the service's schema, so the schema comes first.
    const schema = (dataSource.options as { schema?: string }).schema;
    if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`rangefinder:migrations:${lockName}`])
      .catch(() => undefined);
    await runner.release();
  }
}

/** A service's start-up migration: its own short-lived data source, under the advisory lock. */
export async function migrateServiceSchema(
  url: string,
  schema: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[],
): Promise<string[]> {
  const dataSource = createDataSource({ url, schema, migrations });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource, schema);
  } finally {
    await dataSource.destroy();
  }
}
