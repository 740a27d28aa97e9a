import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { ChangeFeed } from '@rangefinder/database';
import { Topic } from '@rangefinder/contracts';
import { enqueueOutbox, OutboxRelayService } from '@rangefinder/messaging';
import { invalidFields } from '@rangefinder/platform';
import type { CellDraft } from '../cells/cell-draft';
import type { CoherenceFlag } from '../cells/coherence-flag';
import { BandsChannel } from '../changes/bands-channels';
import { DraftBook, type DraftFilter } from '../drafts/draft-book';
import { BandsMetrics } from '../metrics/bands.metrics';
import { BANDS_SCHEMA } from '../observations/observation.store';
import { PolicyService } from '../policy/policy.service';
import { publicationFlags } from './publication-flags';
import { planPublication } from './publication-plan';
import { bandEvent, publicPart, type PublishedBand } from './published-band';

export interface PublishSelection {
  /** Cell keys `<role>|<level>|<zone>`; or a filter; or everything. */
  cells?: string[];
  filter?: DraftFilter;
  effectiveFrom?: string;
  /** Flagged cells to publish anyway, each with the analyst's reason. */
  overrides?: { cell: string; reason: string }[];
}

export interface PublishReport {
  published: { cell: string; version: number }[];
  unchanged: number;
  /** Drafts without figures for cells with no band in force: nothing is published for them. */
  withheld: number;
  /** Drafts left unpublished because they break a coherence invariant and carry no override. */
  blocked: { cell: string; flags: CoherenceFlag[] }[];
  /** Cells published despite their flags, under an override. */
  overridden: string[];
  effectiveFrom: string;
}

// Any constant key: publications are serialized so version numbers never collide.
const PUBLISH_LOCK = 0x62616e64;

/**
 * Publishing turns drafts into immutable versions: one transaction inserts the versions and their
 * `comp.bands.v1` events into the outbox, so every version is announced exactly when it exists.
 * A draft identical to the latest published version is left alone (no empty versions); a draft
 * without figures publishes only a withdrawal of a band in force (publication-plan.ts), so a
 * suppressed cell is never told from an empty one. The coherence invariants are checked again
 * against the bands that would be in force: a draft that breaks one is published only under an
 * override naming it, recorded in the version with who and why.
 */
@Injectable()
export class PublishService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drafts: DraftBook,
    private readonly catalogue: CatalogueProvider,
    private readonly policies: PolicyService,
    private readonly feed: ChangeFeed,
    private readonly relay: OutboxRelayService,
    private readonly metrics: BandsMetrics,
  ) {}

  async publish(selection: PublishSelection, by: string): Promise<PublishReport> {
    // Drafts hold every observation and input committed before this request, whichever instance
    // committed it: a policy posted through one instance and published through another applies.
    await this.drafts.caughtUp();
    const chosen = this.choose(selection);
    const effectiveFrom = selection.effectiveFrom ?? this.drafts.effectiveDate;
    const overrides = this.overridesFor(selection, chosen);
    const report: PublishReport = {
      published: [],
      unchanged: chosen.length,
      withheld: 0,
      blocked: [],
      overridden: [],
      effectiveFrom,
    };
    const everything = !selection.cells && !selection.filter;
    if (chosen.length === 0 && !everything) return report;

    const publishedAt = new Date().toISOString();
    await this.feed.transaction(this.dataSource, async (tx, notify) => {
      // Publications are serialized, and compared with what is stored, not with this replica's
      // memory: two replicas publishing the same drafts at once publish them once.
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [PUBLISH_LOCK]);
      // Every cell of the roles published (of every role, when everything is): the neighbours the
      // coherence invariants compare with, and the bands a publication of everything withdraws.
      const rows = await tx.query<{ cell: string; band: PublishedBand }[]>(
        `SELECT DISTINCT ON (cell) cell, band FROM bands.band_versions
         WHERE $1::text[] IS NULL OR role = ANY($1) ORDER BY cell, version DESC`,
        [everything ? null : [...new Set(chosen.map((d) => d.role))]],
      );
      const latest = new Map(rows.map((r) => [r.cell, r.band]));
      const plan = planPublication(chosen, latest, this.policies.current, everything);
      // Withdrawals end bands whatever their neighbours; the bands published are checked against
      // what stays in force.
      const staying = new Map(latest);
      for (const w of plan.withdrawals) staying.delete(w.key);
      const flags = publicationFlags(plan.bands, staying, this.catalogue.catalogue, effectiveFrom);
      const versions = [...plan.bands.map(publicPart), ...plan.withdrawals];
      const bands: PublishedBand[] = versions.flatMap((v) => {
        const found = flags.get(v.key);
        const override = overrides.get(v.key);
        if (found && !override) {
          report.blocked.push({ cell: v.key, flags: found });
          return [];
        }
        return [
          {
            ...v,
            version: (latest.get(v.key)?.version ?? 0) + 1,
            effectiveFrom,
            publishedAt,
            publishedBy: by,
            ...(found && override
              ? { override: { by, reason: override, at: publishedAt, flags: found } }
              : {}),
          },
        ];
      });
      report.unchanged = plan.unchanged;
      report.withheld = plan.withheld;
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
      report.overridden = bands.filter((b) => b.override).map((b) => b.key);
    });
    this.metrics.bandsPublished.inc(report.published.length);
    if (report.published.length > 0) this.relay.notify();
    return report;
  }

  /** Each override by cell; one that names a cell not being published is a 400 naming it. */
  private overridesFor(selection: PublishSelection, chosen: CellDraft[]): Map<string, string> {
    const keys = new Set(chosen.map((d) => d.key));
    const overrides = selection.overrides ?? [];
    const strays = overrides.flatMap((o, i) =>
      keys.has(o.cell)
        ? []
        : [
            {
              path: `overrides.${i}.cell`,
              problem: `"${o.cell}" is not among the drafts published`,
            },
          ],
    );
    if (strays.length > 0) throw invalidFields(strays);
    return new Map(overrides.map((o) => [o.cell, o.reason]));
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
