import { AuthEnv, Role, issueToken, loadConfig } from '@rangefinder/platform';

/** A bearer token for `role`, signed with the same configuration the services under test load. */
export function tokenFor(role: Role): string {
  return issueToken({ subject: `e2e-${role}`, role }, loadConfig(AuthEnv));
}
