import fc from 'fast-check';
import { ALL_ROLES, AuthEnv, issueToken, loadConfig } from '@rangefinder/platform';
import { tokenFor } from '../tokens';

export interface Credential {
  /** `role:<role>` for a valid token, else what is wrong with it. */
  label: string;
  /** The Authorization header, or none. */
  authorization?: string;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens and headers that must be refused with 401. */
function invalidCredentials(): Credential[] {
  const valid = tokenFor(ALL_ROLES[0]);
  const [header, payload] = valid.split('.');
  const forged = issueToken(
    { subject: 'e2e-forger', role: ALL_ROLES[0] },
    { ...loadConfig(AuthEnv), AUTH_JWT_SECRET: 'a-different-secret-of-at-least-32-chars!' },
  );
  const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
  const expired = `${header}.${base64url({ role: ALL_ROLES[0], sub: 'x', exp: 1, iss: 'rangefinder' })}.sig`;
  return [
    { label: 'none' },
    { label: 'empty bearer', authorization: 'Bearer ' },
    { label: 'garbage', authorization: 'Bearer not-a-token' },
    { label: 'forged', authorization: `Bearer ${forged}` },
    { label: 'alg none', authorization: `Bearer ${unsigned}` },
    { label: 'expired', authorization: `Bearer ${expired}` },
    { label: 'tampered', authorization: `Bearer ${valid.slice(0, -2)}xx` },
    { label: 'basic', authorization: 'Basic dXNlcjpwYXNz' },
    { label: 'huge', authorization: `Bearer ${'a'.repeat(8_000)}` },
    { label: 'encoded nul', authorization: `Bearer ${header}%00.${payload}` },
  ];
}

/** Mostly a valid token of some role (so requests reach validation), sometimes a bad one. */
export function credentials(): fc.Arbitrary<Credential> {
  const valid = ALL_ROLES.map((role) => ({
    label: `role:${role}`,
    authorization: `Bearer ${tokenFor(role)}`,
  }));
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: fc.constantFrom(...invalidCredentials()) },
  );
}
