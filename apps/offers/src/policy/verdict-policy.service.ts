import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeFeed } from '@rangefinder/database';
import { DEFAULT_VERDICT_POLICY, type VerdictPolicy } from '@rangefinder/comp-math';
import { OffersChannel } from '../offers-channels';
import type {
  StoredVerdictPolicy,
  VerdictPolicyBody,
  VerdictPolicyDto,
} from './verdict-policy.dto';

interface PolicyRow {
  version: number;
  body: VerdictPolicy & Partial<VerdictPolicyBody>;
  created_by: string;
  created_at: Date;
}

/** The body in force; a field added since a version was stored gets its default. */
const bodyOf = (policy: VerdictPolicy & Partial<VerdictPolicyBody>): VerdictPolicyBody => ({
  farAboveMaxRatio: policy.farAboveMaxRatio,
  approvals: policy.approvals,
  offerVisibility: policy.offerVisibility ?? 'own',
});

const toStored = (row: PolicyRow): StoredVerdictPolicy => ({
  version: row.version,
  body: bodyOf(row.body),
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

/**
 * Verdict thresholds as versioned data; the first start writes §3's defaults as version 1. The
 * latest version is in force on every replica: each reloads it from the change feed.
 */
@Injectable()
export class VerdictPolicyService implements OnModuleInit {
  private latest?: StoredVerdictPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {}

  async onModuleInit(): Promise<void> {
    const load = () => this.load();
    await this.feed.subscribe(OffersChannel.VerdictPolicy, { onChanges: load, onResync: load });
    await this.load();
  }

  get current(): StoredVerdictPolicy {
    if (!this.latest) throw new Error('verdict policy not loaded');
    return this.latest;
  }

  async list(): Promise<StoredVerdictPolicy[]> {
    const rows = await this.dataSource.query<PolicyRow[]>(
      `SELECT * FROM offers.verdict_policies ORDER BY version DESC`,
    );
    return rows.map(toStored);
  }

  async create(body: VerdictPolicyDto, by: string): Promise<StoredVerdictPolicy> {
    const row = await this.feed.transaction(this.dataSource, async (tx, notify) => {
      const inserted = await insert(tx, body, by);
      await notify(OffersChannel.VerdictPolicy, {});
      return inserted;
    });
    return toStored(row);
  }

  /** The latest version; the defaults once, also when several replicas start together. */
  private async load(): Promise<void> {
    const row = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('rangefinder:offers:verdict-policy'))`);
      const [latest] = await tx.query<PolicyRow[]>(
        `SELECT * FROM offers.verdict_policies ORDER BY version DESC LIMIT 1`,
      );
      return latest ?? (await insert(tx, DEFAULT_VERDICT_POLICY, 'system'));
    });
    this.latest = toStored(row);
  }
}

async function insert(
  tx: EntityManager,
  body: VerdictPolicy & Partial<VerdictPolicyBody>,
  by: string,
): Promise<PolicyRow> {
  const [row] = await tx.query<PolicyRow[]>(
    `INSERT INTO offers.verdict_policies (body, created_by) VALUES ($1, $2) RETURNING *`,
    [JSON.stringify(bodyOf(body)), by],
  );
  return row;
}
