import { Controller, Get, Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CATALOGUE_ENTITIES } from '@rangefinder/catalogue';
import { windowStart } from '@rangefinder/comp-math';
import { dataSourceOptions } from '@rangefinder/database';
import { AuthEnv, Public, loadConfig } from '@rangefinder/platform';
import { AuthModule } from '@rangefinder/service';

/**
 * What the naive baselines of the bands and offers benchmarks share, so both stand on the same
 * database, auth and HTTP stack as the services. Not part of the product.
 */

/** The observations a naive answer reads: the newest policy's window and employment types. */
export interface PolicyWindow {
  from: string;
  to: string;
  employmentTypes: string[];
}

interface PolicyBody {
  effectiveDate: string;
  windowMonths: number;
  employmentTypes: string[];
  suppression: { minObservations: number };
}

/** The newest policy the bands service stored. */
export async function latestPolicy(dataSource: DataSource): Promise<PolicyBody> {
  const [row] = await dataSource.query<{ body: PolicyBody }[]>(
    `SELECT body FROM bands.policies ORDER BY version DESC LIMIT 1`,
  );
  if (!row) throw new Error('bands.policies is empty: start the bands service first');
  return row.body;
}

export function policyWindow(policy: PolicyBody): PolicyWindow {
  return {
    from: windowStart(policy.effectiveDate, policy.windowMonths),
    to: policy.effectiveDate,
    employmentTypes: policy.employmentTypes,
  };
}

/** The query for a cell's observation count and the percentiles `levels` (SQL, e.g. `0.25, 0.5`) of their base. */
export function percentilesQuery(levels: string): string {
  return `
SELECT count(*)::int AS n,
       percentile_cont(ARRAY[${levels}]) WITHIN GROUP (ORDER BY base) AS p
FROM bands.observations
WHERE role = $1 AND level = $2 AND zone = $3
  AND employment_type = ANY($4) AND observed_at BETWEEN $5 AND $6`;
}

/** A `percentilesQuery` for one cell; `p` is null when the window holds no observation of it. */
export async function cellPercentiles(
  dataSource: DataSource,
  query: string,
  cell: { role: string; level: string; zone: string },
  window: PolicyWindow,
): Promise<{ n: number; p: number[] | null }> {
  const [row] = await dataSource.query<{ n: number; p: number[] | null }[]>(query, [
    cell.role,
    cell.level,
    cell.zone,
    window.employmentTypes,
    window.from,
    window.to,
  ]);
  return row;
}

/** The bands schema with the catalogue, and the same auth as the services. */
export function naiveImports(database: { poolSize: number; applicationName?: string }) {
  return [
    TypeOrmModule.forRoot({
      ...dataSourceOptions({
        url: process.env.DATABASE_URL!,
        schema: 'bands',
        entities: CATALOGUE_ENTITIES,
        poolSize: database.poolSize,
        applicationName: database.applicationName,
      }),
    }),
    AuthModule.forRoot(loadConfig(AuthEnv)),
  ];
}

@Public()
@Controller('health')
export class NaiveHealthController {
  @Get('ready')
  ready() {
    return { status: 'ok' };
  }
}

/** Serves `module` on 127.0.0.1, port NAIVE_PORT (the bench sets it) or `defaultPort`. */
export async function serveNaive(
  module: Type<unknown>,
  options: {
    name: string;
    defaultPort: number;
    configure?: (app: NestFastifyApplication) => void;
  },
): Promise<void> {
  // The same HTTP stack as the service, so the comparison is about the band lookup.
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  options.configure?.(app);
  app.enableShutdownHooks();
  const port = Number(process.env.NAIVE_PORT ?? options.defaultPort);
  await app.listen(port, '127.0.0.1');
  new Logger(options.name).log(`listening on ${port}`);
}
