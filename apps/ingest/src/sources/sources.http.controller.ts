import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '@rangefinder/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export class SourceQuality {
  @ApiProperty({ example: 'ai-jobs' }) source: string;
  @ApiProperty({ description: 'Observations held now (accepted, minus erased)' }) held: number;
  @ApiProperty({ description: 'Valid messages accepted, corrections included' }) accepted: number;
  @ApiProperty({ description: 'Messages that replaced an earlier version of the same key' })
  corrected: number;
  @ApiProperty() erased: number;
  @ApiProperty({ description: 'Messages sent to comp.datapoints.dlq.v1' }) rejected: number;
  @ApiProperty({ example: { UNMAPPED_ROLE: 12 }, description: 'Rejections by reason code' })
  rejectedByCode: Record<string, number>;
  @ApiProperty({ description: 'When the source last delivered a message' }) lastDeliveredAt: string;
}

/** The comp team's data-quality view: counts only, never an individual record. */
@ApiTags('sources')
@ApiBearerAuth()
@Roles(Role.CompAnalyst)
@Controller('v1/sources')
export class SourcesHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: SourceQuality, isArray: true })
  async list(): Promise<SourceQuality[]> {
    const rows: {
      source: string;
      held: string;
      accepted: string;
      corrected: string;
      erased: string;
      rejected: string;
      last_delivered_at: Date;
      by_code: Record<string, string> | null;
    }[] = await this.dataSource.query(
      `SELECT s.source, sum(s.held) AS held, sum(s.accepted) AS accepted, sum(s.corrected) AS corrected,
                sum(s.erased) AS erased, sum(s.rejected) AS rejected, max(s.last_delivered_at) AS last_delivered_at,
                (SELECT jsonb_object_agg(code, n) FROM (
                   SELECT code, sum(count) AS n FROM ingest.source_rejections r WHERE r.source = s.source GROUP BY code) c) AS by_code
         FROM ingest.source_stats s GROUP BY s.source ORDER BY s.source`,
    );
    return rows.map((r) => ({
      source: r.source,
      held: Number(r.held),
      accepted: Number(r.accepted),
      corrected: Number(r.corrected),
      erased: Number(r.erased),
      rejected: Number(r.rejected),
      rejectedByCode: Object.fromEntries(
        Object.entries(r.by_code ?? {}).map(([code, n]) => [code, Number(n)]),
      ),
      lastDeliveredAt: r.last_delivered_at.toISOString(),
    }));
  }
}
