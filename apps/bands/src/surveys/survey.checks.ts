import { Injectable } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { SurveyTableV1, type FieldProblem } from '@rangefinder/contracts';
import type { InputChecks, Shaped } from '@rangefinder/platform';

/**
 * What a survey table's shape cannot say: its country has a catch-all pay zone, its currency a rate
 * on the reference date, and every row a role of the catalogue with a level on its ladder.
 */
@Injectable()
export class SurveyChecks implements InputChecks<SurveyTableV1> {
  readonly input = SurveyTableV1;

  constructor(private readonly catalogue: CatalogueProvider) {}

  problems(table: Shaped<SurveyTableV1>): FieldProblem[] {
    const { catalogue } = this.catalogue;
    const problems: FieldProblem[] = [];
    const { country, currency, referenceDate } = table;
    if (
      country !== undefined &&
      !catalogue.zones.some((z) => z.country === country && z.catchAll)
    ) {
      problems.push({ path: 'country', problem: 'has no catch-all pay zone in the catalogue' });
    }
    if (
      currency !== undefined &&
      referenceDate !== undefined &&
      !catalogue.fxUsdPerUnit(currency, referenceDate)
    ) {
      problems.push({ path: 'currency', problem: `has no FX rate on ${referenceDate}` });
    }
    (table.rows ?? []).forEach((row, i) => {
      if (row?.role === undefined) return;
      if (row.level === undefined && catalogue.role(row.role)) return;
      problems.push(
        ...catalogue.jobProblems(row.role, row.level ?? '', {
          role: `rows.${i}.role`,
          level: `rows.${i}.level`,
        }),
      );
    });
    return problems;
  }
}
