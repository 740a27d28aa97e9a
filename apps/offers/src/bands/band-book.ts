import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BAND_SCHEMA,
  BandVersionIndex,
  RejectionCode,
  Topic,
  cellKey,
  type BandV1,
} from '@rangefinder/contracts';
import {
  advancePartitionProgress,
  enqueueOutbox,
  lockPartitionProgress,
  originalMessage,
  rejectionEvent,
  type MessageChunk,
  type OutboxMessage,
} from '@rangefinder/messaging';

export const OFFERS_SCHEMA = 'offers';

/**
 * The offers service's copy of the published bands: stored from `comp.bands.v1` (one transaction
 * per chunk with the partition's progress) and held in memory for checks, rebuilt from the table
 * on start. A band is used by checks as soon as its chunk commits.
 */
@Injectable()
export class BandBook implements OnModuleInit {
  private readonly logger = new Logger(BandBook.name);
  private readonly versions = new BandVersionIndex<BandV1>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const rows: { cell: string; band: BandV1 }[] = await this.dataSource.query(
      `SELECT cell, band FROM offers.bands`,
    );
    for (const row of rows) this.versions.add(row.cell, row.band);
    this.logger.log(`${rows.length} band versions loaded`);
  }

  applying(cell: string, asOf: string): BandV1 | undefined {
    return this.versions.applying(cell, asOf);
  }

  /**
   * Stores a chunk of band events; returns the cells of every band in it — also those stored by an
   * earlier delivery, so re-checks interrupted by a crash run again (they are idempotent).
   */
  async apply(consumerGroup: string, chunk: MessageChunk): Promise<string[]> {
    const read = chunk.messages.map((message) => ({ message, band: readBand(message.value) }));
    const bands = await this.dataSource.transaction(async (tx) => {
      const progress = { consumerGroup, topic: chunk.topic, partition: chunk.partition };
      const next = await lockPartitionProgress(tx, OFFERS_SCHEMA, progress);
      const fresh = read.filter(({ message }) => BigInt(message.offset) >= next);
      if (fresh.length === 0) return [];
      const bands: BandV1[] = [];
      const deadLetters: OutboxMessage[] = [];
      for (const { message, band } of fresh) {
        if (band) {
          bands.push(band);
          continue;
        }
        const original = originalMessage(chunk.topic, chunk.partition, message);
        const reason = {
          code: RejectionCode.SchemaViolation,
          message: `not a ${BAND_SCHEMA} event`,
          fields: [],
        };
        deadLetters.push({
          topic: Topic.BandsDlq,
          key: original.key,
          value: rejectionEvent(reason, original, new Date().toISOString()),
        });
      }
      await enqueueOutbox(tx, OFFERS_SCHEMA, deadLetters);
      if (bands.length > 0) {
        await tx.query(
          `INSERT INTO offers.bands (cell, version, band)
           SELECT b->>'cell', (b->>'version')::int, b->'band' FROM json_array_elements($1::json) AS b
           ON CONFLICT (cell, version) DO NOTHING`,
          [
            JSON.stringify(
              bands.map((band) => ({ cell: cellKey(band), version: band.version, band })),
            ),
          ],
        );
      }
      await advancePartitionProgress(
        tx,
        OFFERS_SCHEMA,
        progress,
        BigInt(fresh[fresh.length - 1].message.offset) + 1n,
      );
      return bands;
    });
    for (const band of bands) this.versions.add(cellKey(band), band);
    return [...new Set(read.flatMap(({ band }) => (band ? [cellKey(band)] : [])))];
  }
}

/** A band event, or undefined for anything else (the bands service is the only producer). */
function readBand(value: Buffer | null): BandV1 | undefined {
  if (value === null) return undefined;
  try {
    const band = JSON.parse(value.toString('utf8')) as BandV1;
    const valid =
      band?.schema === BAND_SCHEMA &&
      typeof band.role === 'string' &&
      typeof band.level === 'string' &&
      typeof band.zone === 'string' &&
      Number.isInteger(band.version) &&
      /^\d{4}-\d{2}-\d{2}$/.test(band.effectiveFrom) &&
      typeof band.currency === 'string';
    return valid ? band : undefined;
  } catch {
    return undefined;
  }
}
