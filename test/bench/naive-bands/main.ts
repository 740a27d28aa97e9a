import 'reflect-metadata';
import {
  BadRequestException,
  Controller,
  Get,
  Injectable,
  Logger,
  Module,
  Query,
  type OnModuleInit,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CATALOGUE_ENTITIES, Catalogue, readCatalogue } from '@rangefinder/catalogue';
import { windowStart } from '@rangefinder/comp-math';
import { dataSourceOptions } from '@rangefinder/database';
import { ALL_ROLES, AuthEnv, AuthModule, Public, Roles, loadConfig } from '@rangefinder/platform';

/**
 * The naive baseline the bands benchmark compares queries against: no cells in memory, one
 * `percentile_cont` over bands.observations for the asked cell on every request, within the
 * policy's window and employment types. Only the cell's own zone: no suppression, aging or
 * fallback. Same auth and HTTP stack as the service. Not part of the product.
 */
const PERCENTILES = `
SELECT count(*)::int AS n,
       percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY base) AS p
FROM bands.observations
WHERE role = $1 AND level = $2 AND zone = $3
  AND employment_type = ANY($4) AND observed_at BETWEEN $5 AND $6`;

interface PolicyWindow {
  from: string;
  to: string;
  employmentTypes: string[];
}

@Injectable()
class NaiveBands implements OnModuleInit {
  private catalogue!: Catalogue;
  private window!: PolicyWindow;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    this.catalogue = new Catalogue((await readCatalogue(this.dataSource)).snapshot);
    const [row] = await this.dataSource.query(
      `SELECT body FROM bands.policies ORDER BY version DESC LIMIT 1`,
    );
    if (!row) throw new Error('bands.policies is empty: start the bands service first');
    const { effectiveDate, windowMonths, employmentTypes } = row.body;
    this.window = {
      from: windowStart(effectiveDate, windowMonths),
      to: effectiveDate,
      employmentTypes,
    };
  }

  async band(role: string, level: string, location: string) {
    const placed = this.catalogue.placeLocationText(location);
    if ('problem' in placed) throw new BadRequestException(placed.problem);
    const zone = placed.zone.code;
    const [row]: { n: number; p: number[] | null }[] = await this.dataSource.query(PERCENTILES, [
      role,
      level,
      zone,
      this.window.employmentTypes,
      this.window.from,
      this.window.to,
    ]);
    const [p10, p25, p50, p75, p90] = row.p ?? [null, null, null, null, null];
    return {
      role,
      level,
      location: { input: location, zone },
      band: { currency: placed.zone.currency, n: row.n, percentiles: { p10, p25, p50, p75, p90 } },
    };
  }
}

@Roles(...ALL_ROLES)
@Controller('v1/bands')
class NaiveBandsController {
  constructor(private readonly bands: NaiveBands) {}

  @Get()
  query(
    @Query('role') role: string,
    @Query('level') level: string,
    @Query('location') location: string,
  ) {
    if (!role || !level || !location)
      throw new BadRequestException('role, level and location are required');
    return this.bands.band(role, level, location);
  }
}

@Public()
@Controller('health')
class NaiveHealthController {
  @Get('ready')
  ready() {
    return { status: 'ok' };
  }
}

@Module({
  imports: [
    TypeOrmModule.forRoot({
      ...dataSourceOptions({
        url: process.env.DATABASE_URL!,
        schema: 'bands',
        entities: CATALOGUE_ENTITIES,
        poolSize: 8,
      }),
    }),
    AuthModule.forRoot(loadConfig(AuthEnv)),
  ],
  controllers: [NaiveBandsController, NaiveHealthController],
  providers: [NaiveBands],
})
class NaiveBandsModule {}

async function bootstrap() {
  // The same HTTP stack as the service, so the comparison is about the band lookup.
  const app = await NestFactory.create<NestFastifyApplication>(
    NaiveBandsModule,
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  const port = Number(process.env.NAIVE_PORT ?? 3903);
  await app.listen(port, '127.0.0.1');
  new Logger('NaiveBands').log(`listening on ${port}`);
}

void bootstrap();
