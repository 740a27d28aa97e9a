import 'reflect-metadata';
import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Injectable,
  Module,
  Post,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Catalogue, readCatalogue } from '@rangefinder/catalogue';
import {
  annualize,
  compaRatio,
  currencyDecimals,
  offerVerdict,
  roundMoney,
} from '@rangefinder/comp-math';
import { ErrorShapeFilter, RECRUITER_PLUS, Roles, edgeValidationPipe } from '@rangefinder/platform';
import { OfferTermsDto } from '../../../apps/offers/src/checks/offer-terms.dto';
import {
  NaiveHealthController,
  cellPercentiles,
  latestPolicy,
  naiveImports,
  percentilesQuery,
  policyWindow,
  serveNaive,
  type PolicyWindow,
} from '../naive-support';

/**
 * The naive baseline the offers benchmark compares checks against: no bands in memory. Every check
 * places the location with the catalogue, runs one `percentile_cont` over bands.observations for
 * the cell (the policy's window and employment types) and applies §3's verdict from comp-math to
 * P25 / P50 / P75. Own zone only: no aging, fallback, publication or suppression beyond the
 * policy's minimum count. Same auth, validation and HTTP stack as the service. Not part of the product.
 */
const PERCENTILES = percentilesQuery('0.25, 0.5, 0.75');

@Injectable()
class NaiveOfferChecks implements OnModuleInit {
  private catalogue!: Catalogue;
  private window!: PolicyWindow & { minObservations: number };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    this.catalogue = new Catalogue((await readCatalogue(this.dataSource)).snapshot);
    const policy = await latestPolicy(this.dataSource);
    this.window = { ...policyWindow(policy), minObservations: policy.suppression.minObservations };
  }

  async check(terms: OfferTermsDto) {
    const role = this.catalogue.role(terms.role);
    if (!role) throw new BadRequestException(`"${terms.role}" is not a role of the catalogue`);
    const placed = this.catalogue.placeLocationText(terms.location);
    if ('problem' in placed) throw new BadRequestException(placed.problem);
    const zone = placed.zone;
    const row = await cellPercentiles(
      this.dataSource,
      PERCENTILES,
      { role: role.code, level: terms.level, zone: zone.code },
      this.window,
    );
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

@Module({
  imports: naiveImports({ poolSize: 10, applicationName: 'naive-offers' }),
  controllers: [NaiveOfferChecksController, NaiveHealthController],
  providers: [NaiveOfferChecks],
})
class NaiveOffersModule {}

void serveNaive(NaiveOffersModule, {
  name: 'NaiveOffers',
  defaultPort: 3925,
  configure: (app) => {
    app.useGlobalFilters(new ErrorShapeFilter(app.getHttpAdapter()));
    app.useGlobalPipes(edgeValidationPipe());
  },
});
