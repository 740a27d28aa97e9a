import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_VERDICT_POLICY, type VerdictPolicy } from '@rangefinder/comp-math';
import type { StoredVerdictPolicy } from './verdict-policy.dto';

interface PolicyRow {
  version: number;
  body: VerdictPolicy;
  created_by: string;
  created_at: Date;
}

const toStored = (row: PolicyRow): StoredVerdictPolicy => ({
  version: row.version,
  body: row.body,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

/** Verdict thresholds as versioned data; the first start writes §3's defaults as version 1. */
@Injectable()
export class VerdictPolicyService implements OnModuleInit {
  private latest?: StoredVerdictPolicy;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [row] = await this.dataSource.query<PolicyRow[]>(
      `SELECT * FROM offers.verdict_policies ORDER BY version DESC LIMIT 1`,
    );
    this.latest = row ? toStored(row) : await this.create(DEFAULT_VERDICT_POLICY, 'system');
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

  async create(body: VerdictPolicy, by: string): Promise<StoredVerdictPolicy> {
    const [row] = await this.dataSource.query<PolicyRow[]>(
      `INSERT INTO offers.verdict_policies (body, created_by) VALUES ($1, $2) RETURNING *`,
      [JSON.stringify({ farAboveMaxRatio: body.farAboveMaxRatio, approvals: body.approvals }), by],
    );
    return (this.latest = toStored(row));
  }
}
