import { Injectable } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import type { FieldProblem } from '@rangefinder/contracts';
import type { InputChecks, Shaped } from '@rangefinder/platform';
import { StructureDto } from './structure.dto';

/**
 * What a structure's shape cannot say: its currency has a rate, every role is in the catalogue
 * with every level on its ladder, and each level runs min ≤ mid ≤ max. Checked before it is stored.
 */
@Injectable()
export class StructureChecks implements InputChecks<StructureDto> {
  readonly input = StructureDto;

  constructor(private readonly catalogue: CatalogueProvider) {}

  problems(dto: Shaped<StructureDto>): FieldProblem[] {
    const { catalogue } = this.catalogue;
    const problems: FieldProblem[] = [];
    if (dto.currency !== undefined && !catalogue.fxUsdPerUnit(dto.currency, '9999-12-31')) {
      problems.push({ path: 'currency', problem: `has no FX rate in the catalogue` });
    }
    const roles = dto.roles ?? [];
    const levels = dto.levels ?? [];
    const jobs = roles.flatMap((role, i) => {
      if (role === undefined) return [];
      const paths = (j: number) => ({ role: `roles.${i}`, level: `levels.${j}.level` });
      if (!catalogue.role(role)) return catalogue.jobProblems(role, '', paths(0));
      return levels.flatMap((l, j) =>
        l?.level === undefined ? [] : catalogue.jobProblems(role, l.level, paths(j)),
      );
    });
    // A role listed twice is reported once.
    problems.push(...new Map(jobs.map((p) => [`${p.path}|${p.problem}`, p])).values());
    levels.forEach((l, j) => {
      const { min, mid, max } = l ?? {};
      if (min === undefined || mid === undefined || max === undefined) return;
      if (!(min <= mid && mid <= max)) {
        problems.push({ path: `levels.${j}`, problem: 'needs min ≤ mid ≤ max' });
      }
    });
    return problems;
  }
}
