import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '@rangefinder/database';
import { returnedRows } from '@rangefinder/database';
import type { StructureRange } from '../cells/structure-range';
import { BandsChannel, type InputChange } from '../changes/bands-channels';
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
    private readonly feed: ChangeFeed,
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
  private groupsOf(structure: StructureDto): string[] {
    return structure.roles.flatMap((role) => structure.levels.map((l) => `${role}|${l.level}`));
  }

  async create(dto: StructureDto, by: string): Promise<StoredStructure> {
    const id = await this.feed.transaction(this.dataSource, async (tx, notify) => {
      const [row] = await tx.query<{ id: number }[]>(
        `INSERT INTO bands.structures (name, body, created_by) VALUES ($1, $2, $3) RETURNING id`,
        [dto.name, JSON.stringify(dto), by],
      );
      await notify(BandsChannel.Inputs, {
        input: 'structures',
        groups: this.groupsOf(dto),
      } satisfies InputChange);
      return row.id;
    });
    return this.all.find((s) => s.id === id)!;
  }

  async retire(id: number): Promise<StoredStructure> {
    await this.feed.transaction(this.dataSource, async (tx, notify) => {
      const rows = await returnedRows<{ body: StructureDto }>(
        tx,
        `UPDATE bands.structures SET active = false WHERE id = $1 RETURNING body`,
        [id],
      );
      if (rows.length === 0) throw new NotFoundException(`no structure ${id}`);
      await notify(BandsChannel.Inputs, {
        input: 'structures',
        groups: this.groupsOf(rows[0].body),
      } satisfies InputChange);
    });
    return this.all.find((s) => s.id === id)!;
  }
}
