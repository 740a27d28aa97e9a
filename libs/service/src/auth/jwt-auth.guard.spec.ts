import { ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { AccessTokens, AuthEnv } from '@rangefinder/platform';
import { JwtAuthGuard } from './jwt-auth.guard';

const env: AuthEnv = Object.assign(new AuthEnv(), {
  AUTH_JWT_SECRET: 'test-secret-for-the-jwt-auth-guard-spec-0123456789',
});

describe('JwtAuthGuard outside HTTP', () => {
  it('lets Kafka message handlers through: the broker, not a bearer token, vouches for them', () => {
    const guard = new JwtAuthGuard(new Reflector(), new AccessTokens(env), {} as HttpAdapterHost);
    expect(guard.canActivate({ getType: () => 'rpc' } as unknown as ExecutionContext)).toBe(true);
  });
});
