import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { invalidFields } from '@rangefinder/platform';
import type { FieldProblem } from '@rangefinder/contracts';
import { returnedRows } from '@rangefinder/database';
import type { StructureRange } from '../cells/group-bands';
import type { StoredStructure, StructureDto } from './structure.dto';

interface StructureRow {
  id: number;
  name: string;
  body: StructureDto;
  active: boolean;
  created_by: string;
  created_at: Date;
}

/**
 * Salary structures the comp team defines directly. An active structure decides the drafts of the
 * cells it covers (its latest definition wins); publishing those drafts makes it override the
 * market band. Retiring it returns the cells to market data at the next publication.
 */
@Injectable()
export class StructureService {
  private byGroup = new Map<string, StructureRange>();
  private all: StoredStructure[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueProvider,
  ) {}

  async load(): Promise<void> {
    const rows: StructureRow[] = await this.dataSource.query(
      `SELECT * FROM bands.structures ORDER BY id`,
    );
    this.all = rows.map((r) => ({
      id: r.id,
      name: r.name,
      body: r.body,
      active: r.active,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
    }));
    this.byGroup = new Map();
    for (const s of this.all.filter((s) => s.active)) {
      for (const role of s.body.roles) {
        for (const l of s.body.levels) {
          this.byGroup.set(`${role}|${l.level}`, {
            structureId: s.id,
            name: s.name,
            currency: s.body.currency,
            rounding: s.body.rounding,
            payCap: s.body.payCap ?? null,
            min: l.min,
            mid: l.mid,
            max: l.max,
          });
        }
      }
    }
  }

  list(): StoredStructure[] {
    return this.all;
  }

  groups(): string[] {
    return [...this.byGroup.keys()];
  }

  rangeFor(group: string): StructureRange | undefined {
    return this.byGroup.get(group);
  }

  /** The groups (role|level) a structure covers, to recompute when it changes. */
  groupsOf(structure: StructureDto): string[] {
    return structure.roles.flatMap((role) => structure.levels.map((l) => `${role}|${l.level}`));
  }

  async create(dto: StructureDto, by: string): Promise<StoredStructure> {
    const problems = this.problems(dto);
    if (problems.length > 0) throw invalidFields(problems);
    const [row] = await this.dataSource.query<{ id: number }[]>(
      `INSERT INTO bands.structures (name, body, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [dto.name, JSON.stringify(dto), by],
    );
    await this.load();
    return this.all.find((s) => s.id === row.id)!;
  }

  async retire(id: number): Promise<StoredStructure> {
    const rows = await returnedRows<{ id: number }>(
      this.dataSource.manager,
      `UPDATE bands.structures SET active = false WHERE id = $1 RETURNING id`,
      [id],
    );
    if (rows.length === 0) throw new NotFoundException(`no structure ${id}`);
    await this.load();
    return this.all.find((s) => s.id === id)!;
  }

  private problems(dto: StructureDto): FieldProblem[] {
    const { catalogue } = this.catalogue;
    const problems: FieldProblem[] = [];
    if (!catalogue.fxUsdPerUnit(dto.currency, '9999-12-31')) {
      problems.push({ path: 'currency', problem: `has no FX rate in the catalogue` });
    }
    const jobs = dto.roles.flatMap((role, i) =>
      dto.levels.flatMap((l, j) =>
        catalogue.jobProblems(role, l.level, { role: `roles.${i}`, level: `levels.${j}.level` }),
      ),
    );
    // An unknown role is one problem, not one per level.
    problems.push(...new Map(jobs.map((p) => [`${p.path}|${p.problem}`, p])).values());
    dto.levels.forEach((l, j) => {
      if (!(l.min <= l.mid && l.mid <= l.max)) {
        problems.push({ path: `levels.${j}`, problem: 'needs min ≤ mid ≤ max' });
      }
    });
    return problems;
  }
}
