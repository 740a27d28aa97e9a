import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export class SourceQuality {
  @ApiProperty({ example: 'ai-jobs' }) source: string;
  @ApiProperty({ description: 'Observations held now (accepted, minus erased)' }) held: number;
  @ApiProperty({ description: 'Valid messages accepted, corrections included' }) accepted: number;
  @ApiProperty({ description: 'Messages that replaced an earlier version of the same key' }) corrected: number;
  @ApiProperty() erased: number;
  @ApiProperty({ description: 'Messages sent to comp.datapoints.dlq.v1' }) rejected: number;
  @ApiProperty({ example: { UNMAPPED_ROLE: 12 }, description: 'Rejections by reason code' })
  rejectedByCode: Record<string, number>;
  @ApiProperty({ description: 'When the source last delivered a message' }) lastDeliveredAt: string;
}

/** The comp team's data-quality view: counts only, never an individual record. */
@ApiTags('sources')
@Controller('v1/sources')
export class SourcesHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: SourceQuality, isArray: true })
  async list(): Promise<SourceQuality[]> {
    const rows: { source: string; held: string; accepted: string; corrected: string; erased: string; rejected: string; last_delivered_at: Date; by_code: Record<string, string> | null }[] =
      await this.dataSource.query(
        `SELECT s.*, (SELECT jsonb_object_agg(r.code, r.count) FROM ingest.source_rejections r WHERE r.source = s.source) AS by_code
         FROM ingest.source_stats s ORDER BY s.source`,
      );
    return rows.map((r) => ({
      source: r.source,
      held: Number(r.held),
      accepted: Number(r.accepted),
      corrected: Number(r.corrected),
      erased: Number(r.erased),
      rejected: Number(r.rejected),
      rejectedByCode: Object.fromEntries(Object.entries(r.by_code ?? {}).map(([code, n]) => [code, Number(n)])),
      lastDeliveredAt: r.last_delivered_at.toISOString(),
    }));
  }
}
