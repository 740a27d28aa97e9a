import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { parseMoney } from '@rangefinder/comp-math';
import { Role, Roles } from '@rangefinder/platform';

/**
 * Finance's view: approved and pending annual cost against band midpoints, in USD, summed from
 * each offer's latest `comp.offers.v1` event, so it reconciles with what a consumer of the topic
 * holds. Month = the month the offer was submitted. The sums are exact (SQL numeric over the events'
 * decimal text, never floats) and answered as JSON numbers in major units with at most the cents
 * (§4: money is a decimal number in major units), exact up to 10^13 USD.
 */
@ApiTags('budget')
@ApiBearerAuth()
@Roles(Role.Finance)
@Controller('v1/budget-impact')
export class BudgetHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Approved and pending cost vs midpoint by role, zone and month (USD)' })
  async impact() {
    const rows = await this.dataSource.query<
      {
        role: string;
        zone: string;
        month: string;
        state: string;
        offers: number;
        total: string;
        vs_mid: string;
      }[]
    >(
      `SELECT last_event->>'role' AS role, last_event->>'zone' AS zone,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              CASE WHEN status = 'pending-approval' THEN 'pending' ELSE 'approved' END AS state,
              count(*)::int AS offers,
              sum((last_event->>'annualizedTotalUsd')::numeric)::text AS total,
              sum(coalesce((last_event->>'costVsMidUsd')::numeric, 0))::text AS vs_mid
         FROM offers.offers
        WHERE status IN ('auto-approved', 'approved', 'pending-approval')
        GROUP BY 1, 2, 3, 4
        ORDER BY 3, 1, 2, 4`,
    );
    return {
      currency: 'USD',
      rows: rows.map((r) => ({
        role: r.role,
        zone: r.zone,
        month: r.month,
        status: r.state,
        offers: r.offers,
        annualizedTotalUsd: parseMoney(r.total, 'USD'),
        costVsMidUsd: parseMoney(r.vs_mid, 'USD'),
      })),
    };
  }
}
