import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeFeed, notifyKeys } from '@rangefinder/database';
import { BandVersionIndex, Topic, cellKey, inForce, type BandV1 } from '@rangefinder/contracts';
import { applyChunkOnce, type MessageChunk } from '@rangefinder/messaging';
import { OffersChannel } from '../offers-channels';
import { readBand } from './band-reader';

export const OFFERS_SCHEMA = 'offers';

/**
 * The offers service's copy of the published bands, on every replica: stored from `comp.bands.v1`
 * by whichever replica the group assigned the partition (one transaction per chunk with the
 * partition's progress), announced through the change feed, and held in memory for checks by
 * every replica.
 */
@Injectable()
export class BandBook implements OnModuleInit {
  private readonly logger = new Logger(BandBook.name);
  private readonly versions = new BandVersionIndex<BandV1>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.feed.subscribe(OffersChannel.Bands, {
      onChanges: (changes) => this.load(changes.flatMap(({ keys }) => keys as string[])),
      onResync: () => this.load(),
    });
    await this.load();
    this.logger.log(`${this.versions.cells().length} cells with bands loaded`);
  }

  /**
   * Within a transaction that checks an offer: waits for a chunk storing this cell's bands to
   * commit, then catches up with what it stored. A check made here and a re-check after a new band
   * can therefore never both miss each other (the advisory lock, not timing, orders them).
   */
  async current(tx: EntityManager, cell: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [cellLock(cell)]);
    const [row] = await tx.query<{ version: number | null }[]>(
      `SELECT max(version) AS version FROM offers.bands WHERE cell = $1`,
      [cell],
    );
    const stored = row?.version ?? 0;
    if (stored > (this.versions.latest(cell)?.version ?? 0)) await this.load([cell], tx);
  }

  /** The band in force on `asOf`; none after a withdrawal, exactly as for a cell without data. */
  applying(cell: string, asOf: string): BandV1 | undefined {
    return inForce(this.versions.applying(cell, asOf));
  }

  /**
   * Stores a chunk of band events and announces them to every replica; returns the cells of every
   * band in it — also those stored by an earlier delivery, so re-checks interrupted by a crash run
   * again (they are idempotent) — and the token to wait on before re-checking.
   */
  async apply(
    consumerGroup: string,
    chunk: MessageChunk,
  ): Promise<{ cells: string[]; token?: string }> {
    const applied = await applyChunkOnce(this.dataSource, chunk, {
      schema: OFFERS_SCHEMA,
      consumerGroup,
      deadLetters: Topic.BandsDlq,
      decode: (message) => readBand(message.value),
      apply: async (tx, { accepted }) => ({ result: await this.store(tx, accepted) }),
    });
    return { cells: [...new Set(applied.decoded.map(cellKey))], token: applied.result };
  }

  /** Stores new band versions under their cells' locks; returns the token announcing the cells. */
  private async store(tx: EntityManager, bands: BandV1[]): Promise<string | undefined> {
    if (bands.length === 0) return undefined;
    const cells = [...new Set(bands.map((band) => cellKey(band)))].sort();
    await tx.query(
      `SELECT pg_advisory_xact_lock(l) FROM (SELECT hashtext(c) AS l FROM unnest($1::text[]) AS c ORDER BY 1) AS s`,
      [cells.map(cellLock)],
    );
    await tx.query(
      `INSERT INTO offers.bands (cell, version, band)
       SELECT b->>'cell', (b->>'version')::int, b->'band' FROM json_array_elements($1::json) AS b
       ON CONFLICT (cell, version) DO NOTHING`,
      [JSON.stringify(bands.map((band) => ({ cell: cellKey(band), version: band.version, band })))],
    );
    return notifyKeys(tx, OffersChannel.Bands, cells);
  }

  /** These cells' versions (every cell when omitted) from the table into memory. */
  private async load(cells?: string[], manager = this.dataSource.manager): Promise<void> {
    const rows = await manager.query<{ cell: string; band: BandV1 }[]>(
      `SELECT cell, band FROM offers.bands WHERE $1::text[] IS NULL OR cell = ANY($1)`,
      [cells ?? null],
    );
    for (const row of rows) this.versions.add(row.cell, row.band);
  }
}

/** The advisory lock that orders a chunk storing a cell's bands and the checks of that cell. */
const cellLock = (cell: string) => `rangefinder:offers:cell:${cell}`;
