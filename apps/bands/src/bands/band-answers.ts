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

/** The cell a role, level and location name; a 400 names the field that does not resolve. */
export function resolveCell(
  catalogue: Catalogue,
  role: string | undefined,
  level: string | undefined,
  location: string,
) {
  const fields: FieldProblem[] = [];
  if (!role) fields.push({ path: 'role', problem: 'is required with location' });
  if (!level) fields.push({ path: 'level', problem: 'is required with location' });
  if (role && level) fields.push(...catalogue.jobProblems(role, level));
  else if (role && !catalogue.role(role)) fields.push(...catalogue.jobProblems(role, ''));
  const placed = catalogue.placeLocationText(location);
  if ('problem' in placed) fields.push({ path: 'location', problem: placed.problem });
  if (fields.length > 0 || 'problem' in placed) throw invalidFields(fields);
  return { role: catalogue.role(role!)!, level: level!, placement: placed };
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
