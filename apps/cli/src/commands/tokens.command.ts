import { Command, InvalidArgumentError, Option } from 'commander';
import {
  ALL_ROLES,
  AccessTokens,
  AuthEnv,
  MAX_TOKEN_TTL_SECONDS,
  TEAM_PATTERN,
  loadConfig,
  usesDevelopmentSecret,
  type Role,
} from '@rangefinder/platform';

interface TokensOptions {
  role?: Role;
  ttl?: number;
  subject?: string;
  team?: string;
  json?: boolean;
}

interface PrintedToken {
  role: Role;
  subject: string;
  team?: string;
  token: string;
  expiresAt: string;
}

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90`, `90s`, `30m`, `12h`, `7d` → seconds. */
export function parseTtl(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * SECONDS_PER_UNIT[match[2] || 's'] : Number.NaN;
  if (!(seconds >= 1 && seconds <= MAX_TOKEN_TTL_SECONDS))
    throw new InvalidArgumentError(
      `must be a duration such as 90s, 30m, 12h or 7d, at most ${MAX_TOKEN_TTL_SECONDS / 86400}d`,
    );
  return seconds;
}

function subjectName(value: string): string {
  if (!/^\S{1,200}$/.test(value))
    throw new InvalidArgumentError('must be 1-200 characters without spaces');
  return value;
}

function teamCode(value: string): string {
  if (!TEAM_PATTERN.test(value))
    throw new InvalidArgumentError('must be 1-64 of a-z 0-9 . _ - starting with a letter or digit');
  return value;
}

function issueAll(tokens: AccessTokens, options: TokensOptions): PrintedToken[] {
  return (options.role ? [options.role] : ALL_ROLES).map((role) => {
    const subject = options.subject ?? `quickstart-${role}`;
    const { team } = options;
    const token = tokens.issue({ subject, role, team, ttlSeconds: options.ttl });
    const expiresAt = tokens.expiryOf(token)!.toISOString();
    return { role, subject, ...(team ? { team } : {}), token, expiresAt };
  });
}

function asText(issued: PrintedToken[], oneRoleAsked: boolean): string {
  if (oneRoleAsked) return issued[0].token;
  const width = Math.max(...issued.map((t) => t.role.length));
  return issued.map((t) => `${t.role.padEnd(width)}  ${t.token}`).join('\n');
}

/** Notes for the person, on stderr, so stdout stays usable in $(...) and pipes. */
function explain(env: AuthEnv, issued: PrintedToken[]): void {
  const audience = env.AUTH_JWT_AUDIENCE ? `, audience ${env.AUTH_JWT_AUDIENCE}` : '';
  process.stderr.write(
    `rangefinder: issuer ${env.AUTH_JWT_ISSUER}${audience}, valid until ${issued[0].expiresAt}\n`,
  );
  if (usesDevelopmentSecret(env))
    process.stderr.write(
      'rangefinder: signed with the public development secret; services accept it only outside production\n',
    );
}

function printTokens(env: NodeJS.ProcessEnv, options: TokensOptions): void {
  const config = loadConfig(AuthEnv, env);
  const issued = issueAll(new AccessTokens(config), options);
  process.stdout.write(
    `${options.json ? JSON.stringify(issued) : asText(issued, options.role !== undefined)}\n`,
  );
  if (!options.json) explain(config, issued);
}

const HELP_AFTER = `
Tokens are signed with AUTH_JWT_SECRET for AUTH_JWT_ISSUER (and AUTH_JWT_AUDIENCE when set): run
this with the same values as the services, or they answer 401. Outside production, with no
AUTH_JWT_SECRET, both sides use the built-in development secret, so the local stack needs no setup.

Examples:
  rangefinder tokens
  rangefinder tokens --role recruiter --ttl 30m
  rangefinder tokens --role recruiter --subject rita --team emea-tech
  curl -H "Authorization: Bearer $(rangefinder tokens --role comp-analyst)" http://127.0.0.1:3001/v1/sources`;

/** `rangefinder tokens`: a ready-made bearer token for each role, for the quick start and scripts. */
export function tokensCommand(env: NodeJS.ProcessEnv = process.env): Command {
  return new Command('tokens')
    .description('print a signed bearer token for each role (or the one asked for)')
    .addOption(
      new Option('--role <role>', 'only this role; prints the bare token').choices(ALL_ROLES),
    )
    .option(
      '--ttl <duration>',
      'lifetime, e.g. 90s, 30m, 12h, 7d (default: AUTH_TOKEN_TTL_SECONDS, 12h)',
      parseTtl,
    )
    .option('--subject <name>', 'who the token names (default: quickstart-<role>)', subjectName)
    .option(
      '--team <code>',
      "the team the token names (a recruiter sees the team's offers when the verdict policy says so)",
      teamCode,
    )
    .option('--json', 'print [{ role, subject, team?, token, expiresAt }]')
    .addHelpText('after', HELP_AFTER)
    .action((options: TokensOptions) => printTokens(env, options));
}
