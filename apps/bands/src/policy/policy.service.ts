import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeFeed } from '@rangefinder/database';
import {
  defaultPolicyBody,
  withDefaults,
  type BandPolicyBody,
  type StoredPolicy,
} from '../cells/band-policy';
import { BandsChannel, type InputChange } from '../changes/bands-channels';
import type { BandPolicyDto } from './band-policy.dto';

interface PolicyRow {
  version: number;
  body: BandPolicyBody;
  created_by: string;
  created_at: Date;
}

const today = () => new Date().toISOString().slice(0, 10);

const toStored = (row: PolicyRow): StoredPolicy => ({
  version: row.version,
  body: withDefaults(row.body),
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

/**
 * Band policy as versioned data: every change is a new version; the latest one is in force on
 * every replica (each reloads it from the change feed).
 */
@Injectable()
export class PolicyService {
  private latest?: StoredPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {}

  get current(): StoredPolicy {
    if (!this.latest) throw new Error('band policy not loaded');
    return this.latest;
  }

  /**
   * Loads the latest version; the first start writes the §2 defaults effective today (once, also
   * when several replicas start together).
   */
  async load(): Promise<StoredPolicy> {
    const row = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('rangefinder:bands:policy'))`);
      const [latest] = await tx.query<PolicyRow[]>(
        `SELECT * FROM bands.policies ORDER BY version DESC LIMIT 1`,
      );
      return latest ?? (await this.insert(tx, defaultPolicyBody(today()), 'system'));
    });
    return (this.latest = toStored(row));
  }

  async list(): Promise<StoredPolicy[]> {
    const rows = await this.dataSource.query<PolicyRow[]>(
      `SELECT * FROM bands.policies ORDER BY version DESC`,
    );
    return rows.map(toStored);
  }

  async create(dto: BandPolicyDto, by: string): Promise<StoredPolicy> {
    const row = await this.feed.transaction(this.dataSource, async (tx, notify) => {
      const inserted = await this.insert(tx, withDefaults(dto), by);
      await notify(BandsChannel.Inputs, { input: 'policy' } satisfies InputChange);
      return inserted;
    });
    return toStored(row);
  }

  private async insert(tx: EntityManager, body: BandPolicyBody, by: string): Promise<PolicyRow> {
    const [row] = await tx.query<PolicyRow[]>(
      `INSERT INTO bands.policies (body, created_by) VALUES ($1, $2) RETURNING *`,
      [JSON.stringify(body), by],
    );
    return row;
  }
}
