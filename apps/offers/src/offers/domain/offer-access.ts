import { Role, type AuthenticatedUser } from '@rangefinder/platform';

/**
 * Who reads which offers: a recruiter the offers they submitted; comp leads, finance and comp
 * analysts (who approve them and answer for the budget) every offer. Returns the submitter an
 * offer must have for `reader` to see it, or undefined when every offer is visible.
 */
export function visibleSubmitter(reader: AuthenticatedUser): string | undefined {
  return reader.role === Role.Recruiter ? reader.subject : undefined;
}
