import { JwtService } from '@nestjs/jwt';
import { AccessTokens, InvalidTokenError, issueToken } from './access-token';
import { AuthEnv, MAX_TOKEN_TTL_SECONDS } from './auth-env';
import { Role } from './role';

const env: AuthEnv = Object.assign(new AuthEnv(), {
  AUTH_JWT_SECRET: 'test-secret-for-the-access-token-spec-0123456789',
  AUTH_TOKEN_TTL_SECONDS: 3600,
});

describe('AccessTokens', () => {
  const tokens = new AccessTokens(env);

  it('round-trips subject and role', () => {
    expect(tokens.verify(issueToken({ subject: 'alice', role: Role.CompLead }, env))).toEqual({
      subject: 'alice',
      role: 'comp-lead',
    });
  });

  it('expires issued tokens after AUTH_TOKEN_TTL_SECONDS unless told otherwise', () => {
    const before = Date.now();
    const byDefault = tokens
      .expiryOf(tokens.issue({ subject: 'alice', role: Role.Recruiter }))!
      .getTime();
    const short = tokens
      .expiryOf(tokens.issue({ subject: 'alice', role: Role.Recruiter, ttlSeconds: 90 }))!
      .getTime();
    expect(byDefault - before).toBeGreaterThan(3598_000);
    expect(byDefault - before).toBeLessThanOrEqual(3600_000);
    expect(short - before).toBeGreaterThan(88_000);
    expect(short - before).toBeLessThanOrEqual(90_000);
  });

  it('refuses to issue tokens that could not be verified or would live too long', () => {
    expect(() => tokens.issue({ subject: ' ', role: Role.Recruiter })).toThrow('subject');
    expect(() => tokens.issue({ subject: 'alice', role: 'admin' as Role })).toThrow(
      'unknown role admin',
    );
    expect(() => tokens.issue({ subject: 'alice', role: Role.Recruiter, ttlSeconds: 0 })).toThrow(
      'lifetime',
    );
    expect(() => tokens.issue({ subject: 'alice', role: Role.Recruiter, ttlSeconds: 1.5 })).toThrow(
      'lifetime',
    );
    expect(() =>
      tokens.issue({
        subject: 'alice',
        role: Role.Recruiter,
        ttlSeconds: MAX_TOKEN_TTL_SECONDS + 1,
      }),
    ).toThrow('lifetime');
  });

  it('says only "invalid or expired token", whatever the reason', () => {
    const other = new AccessTokens({
      ...env,
      AUTH_JWT_SECRET: 'a-different-secret-of-at-least-32-chars',
    });
    const forged = other.issue({ subject: 'alice', role: Role.CompAnalyst });
    expect(() => tokens.verify(forged)).toThrow(InvalidTokenError);
    expect(() => tokens.verify(forged)).toThrow(/^invalid or expired token$/);
  });

  it('carries a team when the token names one', () => {
    const token = tokens.issue({ subject: 'rita', role: Role.Recruiter, team: 'emea-tech' });
    expect(tokens.verify(token)).toEqual({ subject: 'rita', role: 'recruiter', team: 'emea-tech' });
    expect(() =>
      tokens.issue({ subject: 'rita', role: Role.Recruiter, team: 'EMEA Tech' }),
    ).toThrow('team');
  });

  it('refuses a token whose team claim is not a team code', () => {
    const signer = new JwtService({ secret: env.AUTH_JWT_SECRET });
    for (const team of ['', 'Has Spaces', 42, ['a']]) {
      const token = signer.sign(
        { role: Role.Recruiter, team },
        { subject: 'rita', issuer: env.AUTH_JWT_ISSUER, expiresIn: 60, algorithm: 'HS256' },
      );
      expect(() => tokens.verify(token)).toThrow(InvalidTokenError);
    }
  });
});
