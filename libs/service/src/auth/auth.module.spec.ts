import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import {
  AuthEnv,
  CurrentUser,
  ErrorShapeFilter,
  Public,
  Role,
  Roles,
  issueToken,
  type AuthenticatedUser,
} from '@rangefinder/platform';
import { AuthModule } from './auth.module';

const env: AuthEnv = Object.assign(new AuthEnv(), {
  AUTH_JWT_SECRET: 'test-secret-for-the-auth-module-spec-0123456789',
  AUTH_JWT_ISSUER: 'rangefinder-test',
});

@Controller('health')
@Public()
class OpenController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

@Controller('v1')
class GuardedController {
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }

  @Get('drafts')
  @Roles(Role.CompAnalyst)
  drafts() {
    return [];
  }

  @Get('approvals')
  @Roles(Role.CompLead, Role.Finance)
  approvals() {
    return [];
  }
}

@Controller('v1/policy')
@Roles(Role.CompAnalyst)
class PolicyController {
  @Get()
  current() {
    return {};
  }

  @Get('summary')
  @Roles(Role.Recruiter)
  summary() {
    return {};
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A well-formed token differing from a valid one only in what the caller overrides. */
function signed(
  claims: Record<string, unknown>,
  options: { secret?: string; algorithm?: 'HS256' | 'HS512'; issuer?: string } = {},
): string {
  const valid = { sub: 'alice', role: Role.Recruiter, exp: nowSeconds() + 60 };
  const payload = Object.fromEntries(
    Object.entries({ ...valid, ...claims }).filter(([, value]) => value !== undefined),
  );
  return new JwtService().sign(payload, {
    secret: options.secret ?? env.AUTH_JWT_SECRET,
    algorithm: options.algorithm ?? 'HS256',
    issuer: options.issuer ?? env.AUTH_JWT_ISSUER,
  });
}

async function startApp(settings: AuthEnv): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(settings)],
    controllers: [OpenController, GuardedController, PolicyController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ErrorShapeFilter());
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpAdapter().getHttpServer() as Server;
  const address = server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${address.port}` };
}

describe('AuthModule over HTTP', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await startApp(env)));
  afterAll(() => app.close());

  async function call(path: string, authorization?: string) {
    const response = await fetch(`${url}${path}`, {
      headers: authorization ? { authorization } : {},
    });
    return {
      status: response.status,
      body: await response.json(),
      challenge: response.headers.get('www-authenticate'),
    };
  }

  const bearer = (role: Role, subject = 'alice') => `Bearer ${issueToken({ subject, role }, env)}`;
  const invalid = { statusCode: 401, error: 'Unauthorized', message: 'invalid or expired token' };

  it('serves @Public() routes without a token', async () => {
    expect(await call('/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('gives the handler the subject and role of a valid token', async () => {
    expect(await call('/v1/me', bearer(Role.Recruiter, 'rec-42'))).toMatchObject({
      status: 200,
      body: { subject: 'rec-42', role: 'recruiter' },
    });
  });

  it('accepts the scheme name in any case', async () => {
    const token = issueToken({ subject: 'alice', role: Role.Finance }, env);
    expect((await call('/v1/me', `bearer ${token}`)).status).toBe(200);
  });

  it('answers 401 in the error shape when there is no token', async () => {
    const result = await call('/v1/me');
    expect(result.status).toBe(401);
    expect(result.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'missing bearer token: send Authorization: Bearer <token>',
    });
    expect(result.challenge).toBe('Bearer realm="rangefinder"');
  });

  it('answers 401 when the header is not a bearer token', async () => {
    const result = await call('/v1/me', 'Basic YWxpY2U6c2VjcmV0');
    expect(result).toMatchObject({ status: 401, body: { statusCode: 401, error: 'Unauthorized' } });
    expect(result.challenge).toContain('error="invalid_request"');
  });

  it('accepts a token built by hand the way issueToken builds it (control for the cases below)', async () => {
    expect((await call('/v1/me', `Bearer ${signed({})}`)).status).toBe(200);
  });

  const refused: [string, () => string][] = [
    ['garbage', () => 'not-a-jwt'],
    ['a truncated token', () => signed({}).slice(0, -4)],
    ['an expired token', () => signed({ exp: nowSeconds() - 5 })],
    [
      'a token signed with another secret',
      () => signed({}, { secret: 'another-secret-of-at-least-32-characters!' }),
    ],
    ['a token from another issuer', () => signed({}, { issuer: 'someone-else' })],
    ['a token signed with another algorithm', () => signed({}, { algorithm: 'HS512' })],
    [
      'an unsigned alg:none token',
      () =>
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'alice', role: 'comp-analyst', iss: env.AUTH_JWT_ISSUER, exp: nowSeconds() + 60 })}.`,
    ],
    ['a token that never expires', () => signed({ exp: undefined })],
    ['a token without a subject', () => signed({ sub: undefined })],
    ['a token with an unknown role', () => signed({ role: 'admin' })],
  ];

  it.each(refused)('answers 401 "invalid or expired token" for %s', async (_case, token) => {
    const result = await call('/v1/me', `Bearer ${token()}`);
    expect(result.status).toBe(401);
    expect(result.body).toEqual(invalid);
    expect(result.challenge).toBe('Bearer realm="rangefinder", error="invalid_token"');
  });

  it('answers 401 even on a role-restricted route, before looking at roles', async () => {
    expect(await call('/v1/drafts', 'Bearer not-a-jwt')).toMatchObject({
      status: 401,
      body: invalid,
    });
  });

  it('answers 403 in the error shape when the role is not allowed', async () => {
    const result = await call('/v1/drafts', bearer(Role.Recruiter));
    expect(result.status).toBe(403);
    expect(result.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'role recruiter may not do this; allowed: comp-analyst',
    });
    expect(result.challenge).toContain('error="insufficient_scope"');
  });

  it('allows each role a route lists and no other', async () => {
    const statuses = await Promise.all(
      [Role.CompLead, Role.Finance, Role.CompAnalyst, Role.Recruiter].map(
        async (role) => (await call('/v1/approvals', bearer(role))).status,
      ),
    );
    expect(statuses).toEqual([200, 200, 403, 403]);
  });

  it("applies a controller's roles to its handlers, and a handler's own list instead of them", async () => {
    expect((await call('/v1/policy', bearer(Role.CompAnalyst))).status).toBe(200);
    expect((await call('/v1/policy', bearer(Role.Recruiter))).status).toBe(403);
    expect((await call('/v1/policy/summary', bearer(Role.Recruiter))).status).toBe(200);
    expect((await call('/v1/policy/summary', bearer(Role.CompAnalyst))).status).toBe(403);
  });
});

describe('AuthModule with an audience', () => {
  const withAudience: AuthEnv = Object.assign(new AuthEnv(), {
    ...env,
    AUTH_JWT_AUDIENCE: 'rangefinder-offers',
  });
  let app: INestApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await startApp(withAudience)));
  afterAll(() => app.close());

  const status = async (token: string) =>
    (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('accepts tokens issued for its audience', async () => {
    expect(await status(issueToken({ subject: 'alice', role: Role.Recruiter }, withAudience))).toBe(
      200,
    );
  });

  it('refuses tokens without it or for another audience', async () => {
    expect(await status(issueToken({ subject: 'alice', role: Role.Recruiter }, env))).toBe(401);
    expect(
      await status(
        issueToken(
          { subject: 'alice', role: Role.Recruiter },
          { ...withAudience, AUTH_JWT_AUDIENCE: 'rangefinder-bands' },
        ),
      ),
    ).toBe(401);
  });
});
