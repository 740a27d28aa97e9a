import { ConfigError, loadConfig } from '../config/load-config';
import { AuthEnv, DEFAULT_TOKEN_TTL_SECONDS, DEVELOPMENT_JWT_SECRET } from './auth-env';

const OWN_SECRET = 'a-production-secret-with-plenty-of-entropy-0123';

describe('AuthEnv', () => {
  it('works out of the box outside production, with the development secret', () => {
    expect(loadConfig(AuthEnv, {})).toMatchObject({
      AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      AUTH_JWT_ISSUER: 'rangefinder',
      AUTH_JWT_AUDIENCE: undefined,
      AUTH_TOKEN_TTL_SECONDS: DEFAULT_TOKEN_TTL_SECONDS,
    });
    expect(loadConfig(AuthEnv, { NODE_ENV: 'test' }).AUTH_JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('stops a production process that has no secret of its own, naming the variable', () => {
    expect(() => loadConfig(AuthEnv, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(AuthEnv, { NODE_ENV: 'production' })).toThrow(
      /AUTH_JWT_SECRET: must be set to your own secret/,
    );
    expect(() =>
      loadConfig(AuthEnv, { NODE_ENV: 'production', AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET }),
    ).toThrow(ConfigError);
    expect(
      loadConfig(AuthEnv, { NODE_ENV: 'production', AUTH_JWT_SECRET: OWN_SECRET }).AUTH_JWT_SECRET,
    ).toBe(OWN_SECRET);
  });

  it('refuses secrets shorter than 256 bits, in any environment', () => {
    expect(() => loadConfig(AuthEnv, { AUTH_JWT_SECRET: 'short' })).toThrow(
      /AUTH_JWT_SECRET must be at least 32 characters/,
    );
    expect(() => loadConfig(AuthEnv, { AUTH_JWT_SECRET: '' })).toThrow(ConfigError);
  });

  it('reads issuer, audience and lifetime, treating an empty audience as unset', () => {
    const env = loadConfig(AuthEnv, {
      AUTH_JWT_ISSUER: 'acme-comp',
      AUTH_JWT_AUDIENCE: 'offers',
      AUTH_TOKEN_TTL_SECONDS: '900',
    });
    expect(env).toMatchObject({
      AUTH_JWT_ISSUER: 'acme-comp',
      AUTH_JWT_AUDIENCE: 'offers',
      AUTH_TOKEN_TTL_SECONDS: 900,
    });
    expect(loadConfig(AuthEnv, { AUTH_JWT_AUDIENCE: '' }).AUTH_JWT_AUDIENCE).toBeUndefined();
    expect(() => loadConfig(AuthEnv, { AUTH_TOKEN_TTL_SECONDS: '5' })).toThrow(
      /AUTH_TOKEN_TTL_SECONDS/,
    );
    expect(() => loadConfig(AuthEnv, { AUTH_JWT_ISSUER: 'two words' })).toThrow(/AUTH_JWT_ISSUER/);
  });
});
