import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SurveyTableV1 } from '@rangefinder/contracts';
import { AccessTokens, AuthEnv, loadConfig } from '@rangefinder/platform';
import { CliError } from '../cli-error';
import { main } from '../main';
import { defaultRoleMapPath, parseBandsUrl, parseWeight, surveyCommand } from './survey.command';

const REPO_ROOT = resolve(__dirname, '../../../..');
const REAL_FILE = join(REPO_ROOT, 'deploy/data/bls_oews_national_M2023_dl.csv');
const REAL_ROLE_MAP = join(REPO_ROOT, 'deploy/data/bls-oews-role-map.json');
const MAPPED_OCCUPATIONS = (
  JSON.parse(readFileSync(REAL_ROLE_MAP, 'utf8')) as { mappings: unknown[] }
).mappings.length;

const AUTH = {
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

async function survey(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ stdout: string; stderr: string }> {
  const stdout = captured(process.stdout);
  const stderr = captured(process.stderr);
  const command = surveyCommand(env).exitOverride();
  for (const sub of command.commands) sub.exitOverride();
  try {
    await command.parseAsync(['import', ...args], { from: 'user' });
    return { stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    stdout.restore();
    stderr.restore();
  }
}

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: unknown;
}

/** A stand-in for the bands service's POST /v1/surveys: records the request, answers as told. */
class FakeBands {
  readonly received: Received[] = [];
  answer: { status: number; body: unknown } = { status: 201, body: {} };
  private server: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    this.received.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    response.writeHead(this.answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(this.answer.body));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
}

describe('rangefinder survey import', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rangefinder-survey-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the shipped role map from the sources', () => {
    expect(defaultRoleMapPath()).toBe(REAL_ROLE_MAP);
  });

  it('dry-runs the real BLS file with the shipped role map and sends nothing', async () => {
    const unreachable = { ...AUTH, BANDS_URL: 'http://127.0.0.1:9' };
    const { stdout } = await survey(
      unreachable,
      REAL_FILE,
      '--format',
      'bls-oews',
      '--dry-run',
      '--json',
    );
    expect(JSON.parse(stdout)).toMatchObject({
      file: REAL_FILE,
      format: 'bls-oews',
      roleMap: REAL_ROLE_MAP,
      source: 'bls-oews-2023',
      country: 'US',
      currency: 'USD',
      referenceDate: '2023-05-15',
      weight: 1,
      occupationsMapped: MAPPED_OCCUPATIONS,
      rowsSent: MAPPED_OCCUPATIONS,
      warnings: [expect.stringContaining('11-3021')],
      dryRun: true,
      sentTo: null,
      status: null,
    });
  });

  it('prints a readable summary through the rangefinder command', async () => {
    const stdout = captured(process.stdout);
    process.exitCode = undefined;
    try {
      await main([
        'node',
        'rangefinder',
        'survey',
        'import',
        REAL_FILE,
        '--format',
        'bls-oews',
        '--dry-run',
      ]);
      expect(process.exitCode ?? 0).toBe(0);
      const text = stdout.text();
      expect(text).toContain(
        `rows        ${MAPPED_OCCUPATIONS} of ${MAPPED_OCCUPATIONS} mapped occupations`,
      );
      expect(text).toContain('A_PCT90 is top-coded');
      expect(text).toContain('dry run     nothing sent');
    } finally {
      stdout.restore();
      process.exitCode = undefined;
    }
  });

  describe('sending', () => {
    const bands = new FakeBands();
    let bandsUrl: string;
    beforeAll(async () => {
      bandsUrl = await bands.start();
    });
    afterAll(() => bands.stop());
    beforeEach(() => {
      bands.received.length = 0;
    });

    it('POSTs the table to BANDS_URL with a comp-analyst token signed with this environment', async () => {
      bands.answer = { status: 201, body: { id: 'survey-1', summary: { rows: 11, cells: 11 } } };
      const { stdout } = await survey(
        { ...AUTH, BANDS_URL: `${bandsUrl}/` },
        REAL_FILE,
        '--format',
        'bls-oews',
        '--weight',
        '2.5',
        '--json',
      );
      expect(bands.received).toHaveLength(1);
      const [request] = bands.received;
      expect(request).toMatchObject({
        method: 'POST',
        url: '/v1/surveys',
        contentType: 'application/json',
      });
      const token = request.authorization?.replace(/^Bearer /, '') ?? '';
      expect(new AccessTokens(loadConfig(AuthEnv, AUTH)).verify(token).role).toBe('comp-analyst');
      const sent = plainToInstance(SurveyTableV1, request.body);
      expect(validateSync(sent, { forbidUnknownValues: true })).toEqual([]);
      expect(sent).toMatchObject({ source: 'bls-oews-2023', weight: 2.5 });
      expect(sent.rows).toHaveLength(MAPPED_OCCUPATIONS);
      expect(JSON.parse(stdout)).toMatchObject({
        dryRun: false,
        sentTo: `${bandsUrl}/v1/surveys`,
        status: 201,
        response: { rows: 11, cells: 11 },
      });
    });

    it('--bands-url wins over BANDS_URL, and the text summary shows the answer', async () => {
      bands.answer = { status: 200, body: { summary: 'blended into 11 cells' } };
      const { stdout } = await survey(
        { ...AUTH, BANDS_URL: 'http://127.0.0.1:9' },
        REAL_FILE,
        '--format',
        'bls-oews',
        '--bands-url',
        bandsUrl,
      );
      expect(bands.received).toHaveLength(1);
      expect(stdout).toContain(`POST ${bandsUrl}/v1/surveys -> 200 OK`);
      expect(stdout).toContain('response    "blended into 11 cells"');
    });

    it('turns a refusal into one error naming the fields the service names', async () => {
      bands.answer = {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'invalid rows.0.role',
          fields: [{ path: 'rows.0.role', problem: 'unknown role engineering-manager' }],
        },
      };
      const sending = survey(AUTH, REAL_FILE, '--format', 'bls-oews', '--bands-url', bandsUrl);
      await expect(sending).rejects.toThrow(CliError);
      await expect(sending).rejects.toThrow(
        `the bands service at ${bandsUrl} refused the survey: 400 Bad Request: invalid rows.0.role\n  rows.0.role: unknown role engineering-manager`,
      );
    });

    it('says how to fix a token the service does not accept', async () => {
      bands.answer = { status: 401, body: { statusCode: 401, message: 'Unauthorized' } };
      await expect(
        survey(AUTH, REAL_FILE, '--format', 'bls-oews', '--bands-url', bandsUrl),
      ).rejects.toThrow(
        /401 Unauthorized: Unauthorized\n\(the token is signed with AUTH_JWT_SECRET/,
      );
    });
  });

  it('says when the bands service cannot be reached', async () => {
    const closed = new FakeBands();
    const url = await closed.start();
    await closed.stop();
    await expect(
      survey(AUTH, REAL_FILE, '--format', 'bls-oews', '--bands-url', url),
    ).rejects.toThrow(`cannot reach the bands service at ${url}: ECONNREFUSED`);
  });

  it('sends nothing when the table breaks the contract, and names the occupation', async () => {
    const roleMap = JSON.parse(readFileSync(REAL_ROLE_MAP, 'utf8')) as {
      mappings: { occupationCode: string; occupationTitle: string; role: string }[];
    };
    roleMap.mappings = roleMap.mappings.slice(0, 1);
    const file = join(dir, 'tiny-file.csv');
    const [header, ...lines] = readFileSync(REAL_FILE, 'utf8').split('\n');
    const code = roleMap.mappings[0].occupationCode;
    const line = lines.find((l) => l.includes(`,${code},`) && l.includes(',detailed,'))!;
    writeFileSync(
      file,
      [
        header,
        line.replace(/"[\d,]+","[\d,]+","[\d,]+"/, '"300,000","200,000","250,000"'),
        '',
      ].join('\n'),
    );
    const mapping = join(dir, 'one-occupation.json');
    writeFileSync(mapping, JSON.stringify(roleMap));
    await expect(
      survey(AUTH, file, '--format', 'bls-oews', '--mapping', mapping, '--dry-run'),
    ).rejects.toThrow(
      new RegExp(`nothing was sent:\\n  rows\\.0\\.p25 \\(${code} [^)]+\\): must be at least p10`),
    );
  });

  it('names the field of a role map that is invalid', async () => {
    const mapping = join(dir, 'bad-map.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        version: '1',
        source: 'x',
        notes: [],
        mappings: [{ occupationCode: '15-2051' }],
      }),
    );
    await expect(
      survey(AUTH, REAL_FILE, '--format', 'bls-oews', '--mapping', mapping, '--dry-run'),
    ).rejects.toThrow(/role map .*bad-map\.json is invalid:\n {2}mappings\.0\.occupationTitle: /);
  });

  it('names a missing file', async () => {
    const missing = join(dir, 'nope.csv');
    await expect(survey(AUTH, missing, '--format', 'bls-oews', '--dry-run')).rejects.toThrow(
      `file not found: ${missing}`,
    );
  });

  it('refuses a BANDS_URL that is not an http URL', async () => {
    await expect(
      survey({ ...AUTH, BANDS_URL: 'bands:3002' }, REAL_FILE, '--format', 'bls-oews', '--dry-run'),
    ).rejects.toThrow(/^BANDS_URL must be an http\(s\) URL/);
  });

  it('requires a known --format', async () => {
    await expect(survey(AUTH, REAL_FILE, '--format', 'ai-jobs')).rejects.toMatchObject({
      code: 'commander.invalidArgument',
    });
    await expect(survey(AUTH, REAL_FILE)).rejects.toMatchObject({
      code: 'commander.missingMandatoryOptionValue',
    });
  });
});

describe('parseWeight', () => {
  it.each([
    ['1', 1],
    ['0.5', 0.5],
    ['10', 10],
  ])('reads %s as %d', (text, weight) => expect(parseWeight(text)).toBe(weight));

  it.each(['0', '0.0', '-1', '10.5', '1e1', 'one', ''])('rejects %j', (text) =>
    expect(() => parseWeight(text)).toThrow(/above 0 and at most 10/),
  );
});

describe('parseBandsUrl', () => {
  it('drops a trailing slash so the path joins cleanly', () => {
    expect(parseBandsUrl('http://bands.internal:3002/')).toBe('http://bands.internal:3002');
  });

  it.each(['bands:3002', 'ftp://bands', '127.0.0.1:3002'])('rejects %j', (text) =>
    expect(() => parseBandsUrl(text)).toThrow(/http\(s\) URL/),
  );
});
