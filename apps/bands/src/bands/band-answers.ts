import { NotFoundException } from '@nestjs/common';
import { formatBandRange, parseIsoDate } from '@rangefinder/comp-math';
import type { Catalogue } from '@rangefinder/catalogue';
import type { FieldProblem } from '@rangefinder/contracts';
import { invalidFields } from '@rangefinder/platform';
import type { PublishedBand } from '../publishing/published-band';

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A date parameter (default today); a 400 naming the field when it is not a calendar date. */
export function asOfDate(asOf: string | undefined, field = 'asOf'): string {
  if (asOf === undefined) return today();
  try {
    parseIsoDate(asOf);
  } catch {
    throw invalidFields([{ path: field, problem: 'is not a calendar date' }]);
  }
  return asOf;
}

/** What a single-band query names: role and level with a location. */
export interface CellQuery {
  role?: string;
  level?: string;
  location?: string;
}

/**
 * Every problem of a query by role, level and location: both codes are required with a location,
 * the role and its ladder's level must be in the catalogue, the location must have a pay zone.
 * Absent fields (left out, or refused for their shape) are not checked.
 */
export function cellProblems(catalogue: Catalogue, q: CellQuery): FieldProblem[] {
  const fields: FieldProblem[] = [];
  if (q.role === undefined) fields.push({ path: 'role', problem: 'is required with location' });
  if (q.level === undefined) fields.push({ path: 'level', problem: 'is required with location' });
  if (q.role !== undefined && (q.level !== undefined || !catalogue.role(q.role))) {
    fields.push(...catalogue.jobProblems(q.role, q.level ?? ''));
  }
  if (q.location !== undefined) {
    const placed = catalogue.placeLocationText(q.location);
    if ('problem' in placed) fields.push({ path: 'location', problem: placed.problem });
  }
  return fields;
}

/** The cell a role, level and location name; a 400 names every field that does not resolve. */
export function resolveCell(catalogue: Catalogue, q: CellQuery & { location: string }) {
  const fields = cellProblems(catalogue, q);
  const role = q.role === undefined ? undefined : catalogue.role(q.role);
  const placed = catalogue.placeLocationText(q.location);
  if (fields.length > 0 || 'problem' in placed || !role || q.level === undefined) {
    throw invalidFields(fields);
  }
  return { role, level: q.level, placement: placed };
}

/**
 * A missing band gets one message whatever the reason — never published, suppressed without a
 * fallback, or not yet effective — so an error cannot tell a suppressed cell from an empty one.
 */
export function noBand(role: string, level: string, zone: string, asOf: string): NotFoundException {
  return new NotFoundException(`no published band for ${role} ${level} in zone ${zone} on ${asOf}`);
}

/** `$220k–$350k+`, or null when the band publishes no range. */
export function displayRange(
  band: Pick<PublishedBand, 'min' | 'max' | 'openEnded' | 'currency'>,
): string | null {
  return band.min === null || band.max === null
    ? null
    : formatBandRange({ min: band.min, max: band.max, openEnded: band.openEnded }, band.currency);
}
