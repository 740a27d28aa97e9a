import 'reflect-metadata';
import {
  BadRequestException,
  Controller,
  Get,
  Injectable,
  Module,
  Query,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Catalogue, readCatalogue } from '@rangefinder/catalogue';
import { ALL_ROLES, Roles } from '@rangefinder/platform';
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
 * The naive baseline the bands benchmark compares queries against: no cells in memory, one
 * `percentile_cont` over bands.observations for the asked cell on every request, within the
 * policy's window and employment types. Only the cell's own zone: no suppression, aging or
 * fallback. Same auth and HTTP stack as the service. Not part of the product.
 */
const PERCENTILES = percentilesQuery('0.1, 0.25, 0.5, 0.75, 0.9');

@Injectable()
class NaiveBands implements OnModuleInit {
  private catalogue!: Catalogue;
  private window!: PolicyWindow;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    this.catalogue = new Catalogue((await readCatalogue(this.dataSource)).snapshot);
    this.window = policyWindow(await latestPolicy(this.dataSource));
  }

  async band(role: string, level: string, location: string) {
    const placed = this.catalogue.placeLocationText(location);
    if ('problem' in placed) throw new BadRequestException(placed.problem);
    const zone = placed.zone.code;
    const row = await cellPercentiles(
      this.dataSource,
      PERCENTILES,
      { role, level, zone },
      this.window,
    );
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

@Module({
  imports: naiveImports({ poolSize: 8 }),
  controllers: [NaiveBandsController, NaiveHealthController],
  providers: [NaiveBands],
})
class NaiveBandsModule {}

void serveNaive(NaiveBandsModule, { name: 'NaiveBands', defaultPort: 3903 });
