import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { MAX_TOKEN_TTL_SECONDS, type AuthEnv } from './auth-env';
import { isRole, type Role } from './role';

/** Who is calling, as proven by a verified token. */
export interface AuthenticatedUser {
  subject: string;
  role: Role;
  /** The team the token names (the `team` claim), when it names one. */
  team?: string;
}

export interface TokenRequest {
  subject: string;
  role: Role;
  /** A team code: 1-64 of a-z 0-9 . _ - */
  team?: string;
  /** Default: AUTH_TOKEN_TTL_SECONDS. */
  ttlSeconds?: number;
}

export type TokenSettings = Pick<
  AuthEnv,
  'AUTH_JWT_SECRET' | 'AUTH_JWT_ISSUER' | 'AUTH_JWT_AUDIENCE' | 'AUTH_TOKEN_TTL_SECONDS'
>;

/** The only algorithm issued or accepted; pinning it rules out `alg: none` and algorithm confusion. */
export const TOKEN_ALGORITHM = 'HS256';

const MAX_SUBJECT_LENGTH = 200;

/** A team code, as the `team` claim carries it. */
export const TEAM_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Deliberately says nothing about why: the caller learns only that the token is not accepted. */
export class InvalidTokenError extends Error {
  constructor() {
    super('invalid or expired token');
    this.name = 'InvalidTokenError';
  }
}

function checkRequest({ subject, role, team, ttlSeconds }: TokenRequest): void {
  if (typeof subject !== 'string' || subject.trim() === '' || subject.length > MAX_SUBJECT_LENGTH)
    throw new RangeError(`token subject must be 1-${MAX_SUBJECT_LENGTH} characters`);
  if (!isRole(role)) throw new RangeError(`unknown role ${String(role)}`);
  if (team !== undefined && !TEAM_PATTERN.test(team))
    throw new RangeError(
      'token team must be 1-64 of a-z 0-9 . _ - (starting with a letter or digit)',
    );
  if (
    ttlSeconds !== undefined &&
    !(Number.isInteger(ttlSeconds) && ttlSeconds >= 1 && ttlSeconds <= MAX_TOKEN_TTL_SECONDS)
  )
    throw new RangeError(
      `token lifetime must be a whole number of seconds from 1 to ${MAX_TOKEN_TTL_SECONDS}`,
    );
}

/**
 * A token must name who and which role, and must expire: one without `exp` would never die. A
 * `team` claim is optional; one that is not a team code makes the token invalid, not team-less.
 */
function userFrom(claims: Record<string, unknown>): AuthenticatedUser {
  const { sub, role, exp, team } = claims;
  if (typeof sub !== 'string' || sub === '' || !isRole(role) || typeof exp !== 'number')
    throw new InvalidTokenError();
  if (team === undefined) return { subject: sub, role };
  if (typeof team !== 'string' || !TEAM_PATTERN.test(team)) throw new InvalidTokenError();
  return { subject: sub, role, team };
}

/**
 * Issues and verifies Rangefinder bearer tokens: HS256 JWTs with `sub`, `role`, `iss`, `exp` (and
 * `aud` when configured, `team` when the token names one).
 */
export class AccessTokens {
  private readonly jwt: JwtService;

  constructor(private readonly settings: TokenSettings) {
    const audience = settings.AUTH_JWT_AUDIENCE;
    // A key object, built once: given a string, jsonwebtoken first tries to parse it as a public
    // key on every verify — most of a request's CPU.
    const key = createSecretKey(Buffer.from(settings.AUTH_JWT_SECRET, 'utf8'));
    this.jwt = new JwtService({
      secret: key as unknown as string,
      signOptions: {
        algorithm: TOKEN_ALGORITHM,
        issuer: settings.AUTH_JWT_ISSUER,
        ...(audience ? { audience } : {}),
      },
      verifyOptions: {
        algorithms: [TOKEN_ALGORITHM],
        issuer: settings.AUTH_JWT_ISSUER,
        ...(audience ? { audience } : {}),
      },
    });
  }

  issue(request: TokenRequest): string {
    checkRequest(request);
    return this.jwt.sign(
      { role: request.role, ...(request.team ? { team: request.team } : {}) },
      {
        subject: request.subject,
        expiresIn: request.ttlSeconds ?? this.settings.AUTH_TOKEN_TTL_SECONDS,
      },
    );
  }

  /** @throws InvalidTokenError for any token that is malformed, forged, expired or not for us. */
  verify(token: string): AuthenticatedUser {
    let claims: unknown;
    try {
      claims = this.jwt.verify(token);
    } catch {
      throw new InvalidTokenError();
    }
    if (typeof claims !== 'object' || claims === null) throw new InvalidTokenError();
    return userFrom(claims as Record<string, unknown>);
  }

  /** When a token stops being accepted; read without verifying, for display only. */
  expiryOf(token: string): Date | undefined {
    const claims: unknown = this.jwt.decode(token);
    const exp =
      typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  }
}

/** A signed token for the CLI and tests, with the same settings the services verify against. */
export function issueToken(request: TokenRequest, settings: TokenSettings): string {
  return new AccessTokens(settings).issue(request);
}
