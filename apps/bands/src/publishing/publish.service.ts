import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '@rangefinder/database';
import { Topic } from '@rangefinder/contracts';
import { enqueueOutbox, OutboxRelayService } from '@rangefinder/messaging';
import { invalidFields } from '@rangefinder/platform';
import type { CellDraft } from '../cells/cell-draft';
import { BandsChannel } from '../changes/bands-channels';
import { DraftBook, type DraftFilter } from '../drafts/draft-book';
import { BandsMetrics } from '../metrics/bands.metrics';
import { BANDS_SCHEMA } from '../observations/observation.store';
import { bandEvent, publicPart, sameBand, type PublishedBand } from './published-band';

export interface PublishSelection {
  /** Cell keys `<role>|<level>|<zone>`; or a filter; or everything. */
  cells?: string[];
  filter?: DraftFilter;
  effectiveFrom?: string;
}

export interface PublishReport {
  published: { cell: string; version: number }[];
  unchanged: number;
  effectiveFrom: string;
}

// Any constant key: publications are serialized so version numbers never collide.
const PUBLISH_LOCK = 0x62616e64;

/**
 * Publishing turns drafts into immutable versions: one transaction inserts the versions and their
 * `comp.bands.v1` events into the outbox, so every version is announced exactly when it exists.
 * A draft identical to the latest published version is left alone (no empty versions).
 */
@Injectable()
export class PublishService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drafts: DraftBook,
    private readonly feed: ChangeFeed,
    private readonly relay: OutboxRelayService,
    private readonly metrics: BandsMetrics,
  ) {}

  async publish(selection: PublishSelection, by: string): Promise<PublishReport> {
    // Drafts hold every observation and input committed before this request, whichever instance
    // committed it: a policy posted through one instance and published through another applies.
    await this.feed.barrier(this.dataSource, [BandsChannel.Observations, BandsChannel.Inputs]);
    const chosen = this.choose(selection);
    const effectiveFrom = selection.effectiveFrom ?? this.drafts.effectiveDate;
    const report: PublishReport = { published: [], unchanged: chosen.length, effectiveFrom };
    if (chosen.length === 0) return report;

    const publishedAt = new Date().toISOString();
    await this.feed.transaction(this.dataSource, async (tx, notify) => {
      // Publications are serialized, and compared with what is stored, not with this replica's
      // memory: two replicas publishing the same drafts at once publish them once.
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [PUBLISH_LOCK]);
      const rows = await tx.query<{ cell: string; band: PublishedBand }[]>(
        `SELECT DISTINCT ON (cell) cell, band FROM bands.band_versions
         WHERE cell = ANY($1) ORDER BY cell, version DESC`,
        [chosen.map((d) => d.key)],
      );
      const latest = new Map(rows.map((r) => [r.cell, r.band]));
      const bands: PublishedBand[] = chosen.flatMap((d) => {
        const previous = latest.get(d.key);
        if (previous && sameBand(previous, publicPart(d))) return [];
        return [
          {
            ...publicPart(d),
            version: (previous?.version ?? 0) + 1,
            effectiveFrom,
            publishedAt,
            publishedBy: by,
          },
        ];
      });
      if (bands.length === 0) return;
      await tx.query(
        `INSERT INTO bands.band_versions (cell, role, level, zone, version, effective_from, band, published_by)
         SELECT b->>'key', b->>'role', b->>'level', b->>'zone', (b->>'version')::int,
                (b->>'effectiveFrom')::date, b, b->>'publishedBy'
         FROM json_array_elements($1::json) AS b`,
        [JSON.stringify(bands)],
      );
      await enqueueOutbox(
        tx,
        BANDS_SCHEMA,
        bands.map((b) => ({ topic: Topic.Bands, key: b.key, value: bandEvent(b) })),
      );
      await notify(BandsChannel.Published, {});
      report.published = bands.map((b) => ({ cell: b.key, version: b.version }));
      report.unchanged = chosen.length - bands.length;
    });
    this.metrics.bandsPublished.inc(report.published.length);
    if (report.published.length > 0) this.relay.notify();
    return report;
  }

  private choose(selection: PublishSelection): CellDraft[] {
    if (selection.cells) {
      const unknown = selection.cells.filter((cell) => !this.drafts.get(cell));
      if (unknown.length > 0) {
        throw invalidFields(
          unknown.map((cell) => ({ path: 'cells', problem: `"${cell}" has no draft` })),
        );
      }
      return selection.cells.map((cell) => this.drafts.get(cell)!);
    }
    return this.drafts.list(selection.filter ?? {});
  }
}
