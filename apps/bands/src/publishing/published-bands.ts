import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
  private readonly byCell = new Map<string, PublishedBand[]>();
  private lastId = 0n;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: BandsEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(
      () => void this.refresh().catch((e) => this.logger.warn(`refresh failed: ${e.message}`)),
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
      const versions = this.byCell.get(row.cell) ?? [];
      versions.push(row.band);
      versions.sort((a, b) =>
        a.effectiveFrom === b.effectiveFrom
          ? a.version - b.version
          : a.effectiveFrom < b.effectiveFrom
            ? -1
            : 1,
      );
      this.byCell.set(row.cell, versions);
      this.lastId = BigInt(row.id);
    }
  }

  /** The version that applies on `asOf`: the latest effective on or before it (ties: the newer version). */
  applying(cell: string, asOf: string): PublishedBand | undefined {
    const versions = this.byCell.get(cell);
    if (!versions) return undefined;
    for (let i = versions.length - 1; i >= 0; i--)
      if (versions[i].effectiveFrom <= asOf) return versions[i];
    return undefined;
  }

  /** The most recently published version, whatever its effective date (what a draft is compared with). */
  latest(cell: string): PublishedBand | undefined {
    const versions = this.byCell.get(cell);
    return versions?.reduce((a, b) => (b.version > a.version ? b : a));
  }

  history(cell: string): PublishedBand[] {
    return [...(this.byCell.get(cell) ?? [])].sort((a, b) => a.version - b.version);
  }

  /** The bands applying on `asOf`, filtered, ordered by cell key. */
  list(
    filter: BandFilter,
    asOf: string,
    familyOf: (role: string) => string | undefined,
  ): PublishedBand[] {
    const out: PublishedBand[] = [];
    for (const cell of [...this.byCell.keys()].sort()) {
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
