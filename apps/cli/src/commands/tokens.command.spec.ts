import 'reflect-metadata';
import { AccessTokens, AuthEnv, ConfigError, loadConfig, Role } from '@rangefinder/platform';
import { parseTtl, tokensCommand } from './tokens.command';

const ENV = {
  AUTH_JWT_SECRET: 'cli-spec-secret-of-at-least-32-characters',
  AUTH_JWT_ISSUER: 'rangefinder-cli-spec',
};

function captured(stream: NodeJS.WriteStream): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return { text: () => chunks.join(''), restore: () => spy.mockRestore() };
}

async function tokens(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ stdout: string; stderr: string }> {
  const stdout = captured(process.stdout);
  const stderr = captured(process.stderr);
  try {
    await tokensCommand(env).exitOverride().parseAsync(args, { from: 'user' });
    return { stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    stdout.restore();
    stderr.restore();
  }
}

const verifier = new AccessTokens(loadConfig(AuthEnv, ENV));

describe('rangefinder tokens', () => {
  it('prints one token per role that the services accept', async () => {
    const { stdout, stderr } = await tokens(ENV);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/ +/));
    expect(lines.map(([role]) => role)).toEqual([
      'comp-analyst',
      'recruiter',
      'comp-lead',
      'finance',
    ]);
    for (const [role, token] of lines)
      expect(verifier.verify(token)).toEqual({ subject: `quickstart-${role}`, role });
    expect(stderr).toContain('issuer rangefinder-cli-spec');
    expect(stderr).not.toContain('development secret');
  });

  it('prints the bare token for one role, so it fits in $(...)', async () => {
    const { stdout } = await tokens(ENV, '--role', 'finance', '--subject', 'fin-bot');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(verifier.verify(stdout.trim())).toEqual({ subject: 'fin-bot', role: Role.Finance });
  });

  it('prints JSON with the expiry that --ttl asked for', async () => {
    const before = Date.now();
    const { stdout, stderr } = await tokens(ENV, '--role', 'recruiter', '--ttl', '30m', '--json');
    const [printed] = JSON.parse(stdout) as {
      role: string;
      subject: string;
      token: string;
      expiresAt: string;
    }[];
    expect(printed).toMatchObject({ role: 'recruiter', subject: 'quickstart-recruiter' });
    const lifetime = Date.parse(printed.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(1798_000);
    expect(lifetime).toBeLessThanOrEqual(1800_000);
    expect(stderr).toBe('');
  });

  it('names a team with --team, and refuses what is not a team code', async () => {
    const { stdout } = await tokens(
      ENV,
      '--role',
      'recruiter',
      '--subject',
      'rita',
      '--team',
      'emea',
    );
    expect(verifier.verify(stdout.trim())).toEqual({
      subject: 'rita',
      role: Role.Recruiter,
      team: 'emea',
    });
    await expect(tokens(ENV, '--role', 'recruiter', '--team', 'Two Words')).rejects.toMatchObject({
      code: 'commander.invalidArgument',
    });
  });

  it('says when the tokens use the public development secret', async () => {
    const { stdout, stderr } = await tokens({}, '--role', 'recruiter');
    expect(new AccessTokens(loadConfig(AuthEnv, {})).verify(stdout.trim()).role).toBe('recruiter');
    expect(stderr).toContain('public development secret');
  });

  it('refuses to sign with the development secret in production', async () => {
    await expect(tokens({ NODE_ENV: 'production' })).rejects.toThrow(ConfigError);
  });

  it('rejects an unknown role with the list of roles', async () => {
    await expect(tokens(ENV, '--role', 'admin')).rejects.toMatchObject({
      code: 'commander.invalidArgument',
      message: expect.stringContaining('comp-analyst, recruiter, comp-lead, finance') as unknown,
    });
  });
});

describe('parseTtl', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['30m', 1800],
    ['12h', 43200],
    ['7d', 604800],
  ])('reads %s as %i seconds', (text, seconds) => expect(parseTtl(text)).toBe(seconds));

  it.each(['0', '-5m', '1.5h', '12 hours', '31d', ''])('rejects %j', (text) =>
    expect(() => parseTtl(text)).toThrow(/duration/),
  );
});
