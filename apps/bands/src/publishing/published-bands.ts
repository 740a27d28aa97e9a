import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BandVersionIndex } from '@rangefinder/contracts';
import { BandsEnv } from '../bands.env';
import type { PublishedBand } from './published-band';

export interface BandFilter {
  role?: string;
  level?: string;
  zone?: string;
  family?: string;
}

interface VersionRow {
  id: string;
  cell: string;
  band: PublishedBand;
}

/**
 * Every published version in memory, for millisecond answers: per cell, ordered by effective date
 * then version. New versions (from this or another instance) are picked up by a poll on the id.
 */
@Injectable()
export class PublishedBands implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PublishedBands.name);
  private readonly versions = new BandVersionIndex<PublishedBand>();
  private lastId = 0n;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: BandsEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(
      () =>
        void this.refresh().catch((e: unknown) =>
          this.logger.warn(`refresh failed: ${e instanceof Error ? e.message : String(e)}`),
        ),
      this.env.BANDS_REFRESH_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT id::text AS id, cell, band FROM bands.band_versions WHERE id > $1 ORDER BY id`,
      [this.lastId.toString()],
    );
    for (const row of rows) {
      this.versions.add(row.cell, row.band);
      this.lastId = BigInt(row.id);
    }
  }

  applying(cell: string, asOf: string): PublishedBand | undefined {
    return this.versions.applying(cell, asOf);
  }

  latest(cell: string): PublishedBand | undefined {
    return this.versions.latest(cell);
  }

  history(cell: string): PublishedBand[] {
    return this.versions.history(cell);
  }

  /** The bands applying on `asOf`, filtered, ordered by cell key. */
  list(
    filter: BandFilter,
    asOf: string,
    familyOf: (role: string) => string | undefined,
  ): PublishedBand[] {
    const out: PublishedBand[] = [];
    for (const cell of this.versions.cells()) {
      const band = this.applying(cell, asOf);
      if (!band) continue;
      if (filter.role && band.role !== filter.role) continue;
      if (filter.level && band.level !== filter.level) continue;
      if (filter.zone && band.zone !== filter.zone) continue;
      if (filter.family && familyOf(band.role) !== filter.family) continue;
      out.push(band);
    }
    return out;
  }
}
