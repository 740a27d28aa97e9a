import { Role, type AuthenticatedUser } from '@rangefinder/platform';
import type { OfferVisibility } from '../../policy/verdict-policy.dto';

/** The offers a recruiter may read: their own, and (with team visibility) their team's. */
export interface OfferScope {
  submitter: string;
  /** Null: no team's offers (own visibility, or a token without a team). */
  team: string | null;
}

/**
 * Who reads which offers: a recruiter the offers they submitted and, when the verdict policy's
 * `offerVisibility` is `team`, the offers submitted under their token's team; comp leads, finance
 * and comp analysts (who approve them and answer for the budget) every offer — undefined.
 */
export function offerScope(
  reader: AuthenticatedUser,
  visibility: OfferVisibility,
): OfferScope | undefined {
  if (reader.role !== Role.Recruiter) return undefined;
  return { submitter: reader.subject, team: visibility === 'team' ? (reader.team ?? null) : null };
}

/** Whether an offer lies in a reader's scope (none: every offer). */
export function inScope(
  scope: OfferScope | undefined,
  offer: { submittedBy: string; submittedTeam: string | null },
): boolean {
  if (!scope) return true;
  return (
    offer.submittedBy === scope.submitter ||
    (scope.team !== null && offer.submittedTeam === scope.team)
  );
}
