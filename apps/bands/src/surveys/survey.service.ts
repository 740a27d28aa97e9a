import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '@rangefinder/database';
import type { SurveyTableV1 } from '@rangefinder/contracts';
import type { SurveyFigures } from '../cells/survey-figures';
import { BandsChannel, type InputChange } from '../changes/bands-channels';

export interface StoredSurvey {
  id: number;
  source: string;
  title: string;
  country: string;
  currency: string;
  referenceDate: string;
  weight: number;
  rows: number;
  loadedBy: string;
  loadedAt: string;
}

interface SurveyRow {
  id: number;
  source: string;
  body: SurveyTableV1;
  loaded_by: string;
  loaded_at: Date;
}

const groupsOf = (table: SurveyTableV1): string[] =>
  table.rows.map((row) => `${row.role}|${row.level}`);

/**
 * Aggregated survey tables (P10…P90 per occupation, mapped to role × level), the second kind of
 * market source. Loading a table under the same source name replaces it.
 */
@Injectable()
export class SurveyService {
  private byGroup = new Map<string, SurveyFigures[]>();
  private tables: StoredSurvey[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {}

  async load(): Promise<void> {
    const rows: SurveyRow[] = await this.dataSource.query(
      `SELECT * FROM bands.survey_tables ORDER BY source`,
    );
    this.byGroup = new Map();
    this.tables = rows.map((r) => {
      const t = r.body;
      for (const row of t.rows) {
        const group = `${row.role}|${row.level}`;
        const figures: SurveyFigures = {
          source: t.source,
          country: t.country,
          currency: t.currency,
          referenceDate: t.referenceDate,
          weight: t.weight,
          n: row.n,
          percentiles: { p10: row.p10, p25: row.p25, p50: row.p50, p75: row.p75, p90: row.p90 },
        };
        this.byGroup.set(group, [...(this.byGroup.get(group) ?? []), figures]);
      }
      return {
        id: r.id,
        source: t.source,
        title: t.title,
        country: t.country,
        currency: t.currency,
        referenceDate: t.referenceDate,
        weight: t.weight,
        rows: t.rows.length,
        loadedBy: r.loaded_by,
        loadedAt: r.loaded_at.toISOString(),
      };
    });
  }

  list(): StoredSurvey[] {
    return this.tables;
  }

  groups(): string[] {
    return [...this.byGroup.keys()];
  }

  figuresFor(group: string): SurveyFigures[] | undefined {
    return this.byGroup.get(group);
  }

  /** Stores (or replaces) a table; returns the groups it touched, before and after. */
  async put(table: SurveyTableV1, by: string): Promise<{ survey: StoredSurvey; groups: string[] }> {
    const groups = await this.feed.transaction(this.dataSource, async (tx, notify) => {
      // The groups the table held before, locked against a concurrent replacement.
      const [previous] = await tx.query<{ body: SurveyTableV1 }[]>(
        `SELECT body FROM bands.survey_tables WHERE source = $1 FOR UPDATE`,
        [table.source],
      );
      await tx.query(
        `INSERT INTO bands.survey_tables (source, body, loaded_by) VALUES ($1, $2, $3)
         ON CONFLICT (source) DO UPDATE SET body = excluded.body, loaded_by = excluded.loaded_by, loaded_at = now()`,
        [table.source, JSON.stringify(table), by],
      );
      const touched = [
        ...new Set([...(previous ? groupsOf(previous.body) : []), ...groupsOf(table)]),
      ];
      await notify(BandsChannel.Inputs, {
        input: 'surveys',
        groups: touched,
      } satisfies InputChange);
      return touched;
    });
    const survey = this.tables.find((t) => t.source === table.source)!;
    return { survey, groups };
  }
}
