import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeFeed } from '@rangefinder/database';
import { assertBandPolicy, parseIsoDate } from '@rangefinder/comp-math';
import { CatalogueProvider, LADDER_KINDS } from '@rangefinder/catalogue';
import { invalidFields } from '@rangefinder/platform';
import type { FieldProblem } from '@rangefinder/contracts';
import { defaultPolicyBody, type BandPolicyBody, type StoredPolicy } from '../cells/band-policy';
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
  body: row.body,
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
    private readonly catalogue: CatalogueProvider,
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
    const problems = this.problems(dto);
    if (problems.length > 0) throw invalidFields(problems);
    const row = await this.feed.transaction(this.dataSource, async (tx, notify) => {
      const inserted = await this.insert(tx, dto, by);
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

  /** What class-validator cannot see: edge order per ladder, known job families, a real date. */
  private problems(dto: BandPolicyDto): FieldProblem[] {
    const problems: FieldProblem[] = [];
    try {
      parseIsoDate(dto.effectiveDate);
    } catch {
      problems.push({ path: 'effectiveDate', problem: 'is not a calendar date' });
    }
    for (const kind of LADDER_KINDS) {
      try {
        assertBandPolicy(dto.edges[kind]);
      } catch {
        problems.push({ path: `edges.${kind}`, problem: 'needs min ≤ mid ≤ max percentiles' });
      }
    }
    const families = new Set(this.catalogue.catalogue.families.map((f) => f.code));
    for (const [family, rate] of Object.entries(dto.aging.byFamily ?? {})) {
      if (!families.has(family)) {
        problems.push({
          path: `aging.byFamily.${family}`,
          problem: 'is not a job family of the catalogue',
        });
      } else if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < -0.5 || rate > 1) {
        problems.push({
          path: `aging.byFamily.${family}`,
          problem: 'must be a number between -0.5 and 1',
        });
      }
    }
    return problems;
  }
}
