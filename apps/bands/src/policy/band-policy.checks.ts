import { Injectable } from '@nestjs/common';
import { assertBandPolicy } from '@rangefinder/comp-math';
import { CatalogueProvider, LADDER_KINDS } from '@rangefinder/catalogue';
import type { FieldProblem } from '@rangefinder/contracts';
import type { InputChecks, Shaped } from '@rangefinder/platform';
import { BandPolicyDto } from './band-policy.dto';

/** What a band policy's shape cannot say: edge order per ladder, known job families and rates. */
@Injectable()
export class BandPolicyChecks implements InputChecks<BandPolicyDto> {
  readonly input = BandPolicyDto;

  constructor(private readonly catalogue: CatalogueProvider) {}

  problems(dto: Shaped<BandPolicyDto>): FieldProblem[] {
    const problems: FieldProblem[] = [];
    for (const kind of LADDER_KINDS) {
      const edges = dto.edges?.[kind];
      if (edges?.min === undefined || edges.mid === undefined || edges.max === undefined) continue;
      try {
        assertBandPolicy({ min: edges.min, mid: edges.mid, max: edges.max, openEnded: false });
      } catch {
        problems.push({ path: `edges.${kind}`, problem: 'needs min ≤ mid ≤ max percentiles' });
      }
    }
    const families = new Set(this.catalogue.catalogue.families.map((f) => f.code));
    for (const [family, rate] of Object.entries(dto.aging?.byFamily ?? {})) {
      const path = `aging.byFamily.${family}`;
      if (!families.has(family)) {
        problems.push({ path, problem: 'is not a job family of the catalogue' });
      } else if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < -0.5 || rate > 1) {
        problems.push({ path, problem: 'must be a number between -0.5 and 1' });
      }
    }
    return problems;
  }
}
