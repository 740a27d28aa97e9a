import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertBandPolicy, parseIsoDate } from '@rangefinder/comp-math';
import { CatalogueProvider, LADDER_KINDS } from '@rangefinder/catalogue';
import { invalidFields } from '@rangefinder/platform';
import type { FieldProblem } from '@rangefinder/contracts';
import {
  defaultPolicyBody,
  type BandPolicyBody,
  type BandPolicyDto,
  type StoredPolicy,
} from './band-policy';

interface PolicyRow {
  version: number;
  body: BandPolicyBody;
  created_by: string;
  created_at: Date;
}

const toStored = (row: PolicyRow): StoredPolicy => ({
  version: row.version,
  body: row.body,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

/** Band policy as versioned data: every change is a new version; the latest one is in force. */
@Injectable()
export class PolicyService {
  private latest?: StoredPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueProvider,
  ) {}

  get current(): StoredPolicy {
    if (!this.latest) throw new Error('band policy not loaded');
    return this.latest;
  }

  /** Loads the latest version; the first start writes the §2 defaults effective today. */
  async load(): Promise<StoredPolicy> {
    const [row] = await this.dataSource.query<PolicyRow[]>(
      `SELECT * FROM bands.policies ORDER BY version DESC LIMIT 1`,
    );
    if (row) return (this.latest = toStored(row));
    return this.insert(defaultPolicyBody(new Date().toISOString().slice(0, 10)), 'system');
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
    return this.insert(dto, by);
  }

  private async insert(body: BandPolicyBody, by: string): Promise<StoredPolicy> {
    const [row] = await this.dataSource.query<PolicyRow[]>(
      `INSERT INTO bands.policies (body, created_by) VALUES ($1, $2) RETURNING *`,
      [JSON.stringify(body), by],
    );
    return (this.latest = toStored(row));
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
