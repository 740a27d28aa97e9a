import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** Each service owns one Postgres schema; no service reads another's tables. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one factory for a service's TypeORM data source, used by the app, the CLI and tests.
 * `synchronize` is never on: schema changes are migrations, run by `runMigrations`.
 */
export function dataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: `${options.schema}_migrations`,
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    applicationName: options.applicationName ?? `rangefinder-${options.schema}`,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    },
  };
}

export function createDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}

/**
 * pg-pool removes its own error listener while a client is checked out, and TypeORM adds its own
 * only later: a backend killed in between (server restart, pg_terminate_backend) would crash the
 * process with an unhandled 'error'. A permanent listener on every pooled client turns that into
 * an ordinary failed query, which the caller retries.
 */
export function guardPoolErrors(dataSource: DataSource, onError: (error: Error) => void): void {
  type Client = { on(event: 'error', listener: (error: Error) => void): void };
  const pool = (
    dataSource.driver as unknown as {
      master?: { on(event: 'connect', l: (c: Client) => void): void; _clients?: Client[] };
    }
  ).master;
  if (!pool) return;
  const guard = (client: Client) => client.on('error', onError);
  pool._clients?.forEach(guard);
  pool.on('connect', guard);
}
