import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '@rangefinder/database';
import { BandVersionIndex, hasFigures, inForce } from '@rangefinder/contracts';
import { BandsChannel } from '../changes/bands-channels';
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
 * then version. Versions published by any replica arrive through the change feed. Publications
 * are serialized (an advisory lock), so ids grow in commit order and "after the last id" misses
 * none.
 */
@Injectable()
export class PublishedBands implements OnModuleInit {
  private readonly versions = new BandVersionIndex<PublishedBand>();
  private lastId = 0n;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {}

  async onModuleInit(): Promise<void> {
    const refresh = () => this.refresh();
    await this.feed.subscribe(BandsChannel.Published, { onChanges: refresh, onResync: refresh });
    await this.refresh();
  }

  /** One load at a time: the initial one and the feed's never read the same versions twice. */
  private refresh(): Promise<void> {
    this.loading = this.loading.catch(() => undefined).then(() => this.loadNew());
    return this.loading;
  }

  private async loadNew(): Promise<void> {
    const rows = await this.dataSource.query<VersionRow[]>(
      `SELECT id::text AS id, cell, band FROM bands.band_versions WHERE id > $1 ORDER BY id`,
      [this.lastId.toString()],
    );
    for (const row of rows) {
      this.versions.add(row.cell, row.band);
      this.lastId = BigInt(row.id);
    }
  }

  /** The band in force on `asOf`; none before the first version and after a withdrawal. */
  applying(cell: string, asOf: string): PublishedBand | undefined {
    return inForce(this.versions.applying(cell, asOf));
  }

  latest(cell: string): PublishedBand | undefined {
    return this.versions.latest(cell);
  }

  /**
   * The versions a reader may see: bands and withdrawals. A figureless version published before
   * withdrawals existed (basis `suppressed`, with its sample) is left out, so no history tells a
   * suppressed cell from an empty one; its version number stays a gap.
   */
  history(cell: string): PublishedBand[] {
    return this.versions.history(cell).filter((b) => hasFigures(b) || b.basis === 'withdrawn');
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
