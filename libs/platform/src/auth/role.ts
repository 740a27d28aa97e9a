/** The people who use Rangefinder over HTTP (DOMAIN §1); a token carries exactly one. */
export enum Role {
  CompAnalyst = 'comp-analyst',
  Recruiter = 'recruiter',
  CompLead = 'comp-lead',
  Finance = 'finance',
}

/*
 * Roles are not ranked. Finance is not "above" a comp analyst, and only a comp analyst may see
 * individual records (§1), so "at least X" would leak. Each endpoint lists who may call it,
 * using one of the groups below or a single role.
 */

export const ALL_ROLES: readonly Role[] = Object.freeze(Object.values(Role));

/**
 * §5 "recruiter+": recruiters, and everyone who reviews their offers: comp-lead and finance
 * approve exceptions, and a comp analyst approves NO_BAND offers (§3).
 */
export const RECRUITER_PLUS: readonly Role[] = Object.freeze([
  Role.Recruiter,
  Role.CompLead,
  Role.Finance,
  Role.CompAnalyst,
]);

/**
 * Everyone who can be asked to approve an offer (§3). Which of them a given offer needs is
 * decided by its verdict, not by this list.
 */
export const OFFER_APPROVERS: readonly Role[] = Object.freeze([
  Role.CompLead,
  Role.Finance,
  Role.CompAnalyst,
]);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}
