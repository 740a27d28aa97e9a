import 'reflect-metadata';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Logger,
  Module,
  Post,
  type OnModuleInit,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CATALOGUE_ENTITIES, Catalogue, readCatalogue } from '@rangefinder/catalogue';
import {
  annualize,
  compaRatio,
  currencyDecimals,
  offerVerdict,
  roundMoney,
  windowStart,
} from '@rangefinder/comp-math';
import { dataSourceOptions } from '@rangefinder/database';
import {
  AuthEnv,
  AuthModule,
  ErrorShapeFilter,
  Public,
  RECRUITER_PLUS,
  Roles,
  edgeValidationPipe,
  loadConfig,
} from '@rangefinder/platform';
import { OfferTermsDto } from '../../../apps/offers/src/checks/offer-terms.dto';

/**
 * The naive baseline the offers benchmark compares checks against: no bands in memory. Every check
 * places the location with the catalogue, runs one `percentile_cont` over bands.observations for
 * the cell (the policy's window and employment types) and applies §3's verdict from comp-math to
 * P25 / P50 / P75. Own zone only: no aging, fallback, publication or suppression beyond the
 * policy's minimum count. Same auth, validation and HTTP stack as the service. Not part of the product.
 */
const PERCENTILES = `
SELECT count(*)::int AS n,
       percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY base) AS p
FROM bands.observations
WHERE role = $1 AND level = $2 AND zone = $3
  AND employment_type = ANY($4) AND observed_at BETWEEN $5 AND $6`;

interface PolicyWindow {
  from: string;
  to: string;
  employmentTypes: string[];
  minObservations: number;
}

@Injectable()
class NaiveOfferChecks implements OnModuleInit {
  private catalogue!: Catalogue;
  private window!: PolicyWindow;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    this.catalogue = new Catalogue((await readCatalogue(this.dataSource)).snapshot);
    const [row] = await this.dataSource.query(
      `SELECT body FROM bands.policies ORDER BY version DESC LIMIT 1`,
    );
    if (!row) throw new Error('bands.policies is empty: start the bands service first');
    const { effectiveDate, windowMonths, employmentTypes, suppression } = row.body;
    this.window = {
      from: windowStart(effectiveDate, windowMonths),
      to: effectiveDate,
      employmentTypes,
      minObservations: suppression.minObservations,
    };
  }

  async check(terms: OfferTermsDto) {
    const role = this.catalogue.role(terms.role);
    if (!role) throw new BadRequestException(`"${terms.role}" is not a role of the catalogue`);
    const placed = this.catalogue.placeLocationText(terms.location);
    if ('problem' in placed) throw new BadRequestException(placed.problem);
    const zone = placed.zone;
    const [row]: { n: number; p: number[] | null }[] = await this.dataSource.query(PERCENTILES, [
      role.code,
      terms.level,
      zone.code,
      this.window.employmentTypes,
      this.window.from,
      this.window.to,
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const currency = zone.currency;
    const rate =
      terms.currency === currency
        ? 1
        : this.catalogue.convert(1, terms.currency, currency, today)?.rate;
    if (rate === undefined)
      throw new BadRequestException(`currency has no FX rate to ${currency} on ${today}`);
    const base = roundMoney(
      annualize(terms.base, terms.period ?? 'year') * rate,
      currencyDecimals(currency),
    );
    const [min, mid, max] = row.p ?? [];
    const band =
      row.n >= this.window.minObservations && row.p
        ? { min, mid, max, openEnded: false, n: row.n, currency }
        : null;
    const { verdict, requiredApprovals, autoApproved } = offerVerdict(base, band);
    return {
      verdict,
      autoApproved,
      requiredApprovals,
      role: role.code,
      level: terms.level,
      location: { input: terms.location, zone: zone.code },
      band,
      pay: { currency, base },
      compaRatio: band ? compaRatio(base, band.mid) : null,
      checkedAt: new Date().toISOString(),
    };
  }
}

@Roles(...RECRUITER_PLUS)
@Controller('v1/offer-checks')
class NaiveOfferChecksController {
  constructor(private readonly checks: NaiveOfferChecks) {}

  @Post()
  @HttpCode(200)
  check(@Body() terms: OfferTermsDto) {
    return this.checks.check(terms);
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
        poolSize: 10,
        applicationName: 'naive-offers',
      }),
    }),
    AuthModule.forRoot(loadConfig(AuthEnv)),
  ],
  controllers: [NaiveOfferChecksController, NaiveHealthController],
  providers: [NaiveOfferChecks],
})
class NaiveOffersModule {}

async function bootstrap() {
  // The same HTTP stack as the service, so the comparison is about the band lookup.
  const app = await NestFactory.create<NestFastifyApplication>(
    NaiveOffersModule,
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  app.useGlobalFilters(new ErrorShapeFilter(app.getHttpAdapter()));
  app.useGlobalPipes(edgeValidationPipe());
  app.enableShutdownHooks();
  const port = Number(process.env.NAIVE_PORT ?? 3925);
  await app.listen(port, '127.0.0.1');
  new Logger('NaiveOffers').log(`listening on ${port}`);
}

void bootstrap();
