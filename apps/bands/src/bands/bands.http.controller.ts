import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { cellKey } from '@rangefinder/contracts';
import { ALL_ROLES, Roles } from '@rangefinder/platform';
import { PublishedBands } from '../publishing/published-bands';
import type { PublishedBand } from '../publishing/published-band';
import { asOfDate, displayRange, noBand, resolveCell } from './band-answers';
import { BandQueryDto, CellPathDto } from './band-query.dto';

const CSV_COLUMNS = [
  'role',
  'level',
  'zone',
  'currency',
  'version',
  'effectiveFrom',
  'basis',
  'p10',
  'p25',
  'p50',
  'p75',
  'p90',
  'min',
  'mid',
  'max',
  'openEnded',
  'range',
  'spread',
  'n',
  'companies',
  'confidence',
  'derivedFrom',
  'policyVersion',
  'publishedAt',
] as const;

/**
 * Published bands, for every role. Only published versions are served here, and a published
 * version never holds a suppressed figure, so no query, filter, export or difference of two of them
 * can reveal one.
 */
@ApiTags('bands')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('v1/bands')
export class BandsHttpController {
  constructor(
    private readonly published: PublishedBands,
    private readonly catalogue: CatalogueProvider,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The band that applies to role + level + location (on asOf), or a filtered, paginated list',
  })
  @ApiOkResponse({
    description:
      'One answer `{ role, level, location, asOf, band }` or a page `{ items, page, pageSize, total }`',
  })
  query(@Query() q: BandQueryDto) {
    const asOf = asOfDate(q.asOf);
    if (q.location !== undefined) return this.answer(q.role, q.level, q.location, asOf);
    const { catalogue } = this.catalogue;
    const all = this.published.list(q, asOf, (role) => catalogue.role(role)?.family);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    return {
      asOf,
      page,
      pageSize,
      total: all.length,
      items: all.slice((page - 1) * pageSize, page * pageSize).map((band) => this.view(band)),
    };
  }

  @Get('export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="bands.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Every band applying on asOf (filters as the list), as CSV' })
  export(@Query() q: BandQueryDto): StreamableFile {
    const asOf = asOfDate(q.asOf);
    const { catalogue } = this.catalogue;
    const rows = this.published
      .list(q, asOf, (role) => catalogue.role(role)?.family)
      .map((b) => ({
        role: b.role,
        level: b.level,
        zone: b.zone,
        currency: b.currency,
        version: b.version,
        effectiveFrom: b.effectiveFrom,
        basis: b.basis,
        ...b.percentiles,
        min: b.min,
        mid: b.mid,
        max: b.max,
        openEnded: b.openEnded,
        range: displayRange(b),
        spread: b.spread,
        n: b.sample.n,
        companies: b.sample.companies,
        confidence: b.confidence?.level ?? null,
        derivedFrom: b.derivedFrom?.key ?? null,
        policyVersion: b.provenance.policyVersion,
        publishedAt: b.publishedAt,
      }));
    return new StreamableFile(
      Buffer.from(stringify(rows, { header: true, columns: [...CSV_COLUMNS] })),
    );
  }

  @Get(':role/:level/:zone/history')
  @ApiOperation({ summary: 'Every published version of one cell, oldest first' })
  history(@Param() cell: CellPathDto) {
    const versions = this.published.history(cellKey(cell));
    if (versions.length === 0) throw noBand(cell.role, cell.level, cell.zone, 'any date');
    return versions.map((band) => this.view(band));
  }

  private answer(
    role: string | undefined,
    level: string | undefined,
    location: string,
    asOf: string,
  ) {
    const cell = resolveCell(this.catalogue.catalogue, { role, level, location });
    const { zone, matchedBy } = cell.placement;
    const band = this.published.applying(
      cellKey({ role: cell.role.code, level: cell.level, zone: zone.code }),
      asOf,
    );
    if (!band) throw noBand(cell.role.code, cell.level, zone.code, asOf);
    return {
      role: cell.role.code,
      roleName: cell.role.name,
      level: cell.level,
      location: { input: location, zone: zone.code, zoneName: zone.name, matchedBy },
      asOf,
      band: this.view(band),
    };
  }

  private view(band: PublishedBand) {
    return { ...band, range: displayRange(band) };
  }
}
