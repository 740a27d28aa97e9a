import { Injectable } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import type { FieldProblem } from '@rangefinder/contracts';
import type { InputChecks, Shaped } from '@rangefinder/platform';
import { cellProblems } from './band-answers';
import { BandQueryDto } from './band-query.dto';

/**
 * The catalogue stage of a band query: with a location (given, or refused for its shape) the query
 * names one cell, and every part of it must resolve. A listing's filters are not codes to check.
 */
@Injectable()
export class BandQueryChecks implements InputChecks<BandQueryDto> {
  readonly input = BandQueryDto;

  constructor(private readonly catalogue: CatalogueProvider) {}

  problems(q: Shaped<BandQueryDto>, refused: ReadonlySet<string>): FieldProblem[] {
    if (q.location === undefined && !refused.has('location')) return [];
    return cellProblems(this.catalogue.catalogue, q);
  }
}
