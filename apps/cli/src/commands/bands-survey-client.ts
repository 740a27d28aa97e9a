import { userInfo } from 'node:os';
import type { FieldProblem, SurveyTableV1 } from '@rangefinder/contracts';
import { AccessTokens, AuthEnv, Role, loadConfig } from '@rangefinder/platform';
import { CliError } from '../cli-error';

// `rangefinder survey import` talking to the bands service: a short-lived comp-analyst token, the
// POST, and the service's answer in words a person can act on.

const TOKEN_TTL_SECONDS = 300;
const SEND_TIMEOUT_MS = 60_000;

export function problemLine({ path, problem }: FieldProblem): string {
  return path ? `${path}: ${problem}` : problem;
}

export function compAnalystToken(env: NodeJS.ProcessEnv): string {
  const tokens = new AccessTokens(loadConfig(AuthEnv, env));
  return tokens.issue({
    subject: userInfo().username,
    role: Role.CompAnalyst,
    ttlSeconds: TOKEN_TTL_SECONDS,
  });
}

export interface BandsAnswer {
  status: number;
  statusText: string;
  body: unknown;
}

function unreachableReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${SEND_TIMEOUT_MS / 1000}s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof cause?.message === 'string' ? cause.message : (error as Error).message;
}

export async function postSurvey(
  bandsUrl: string,
  table: SurveyTableV1,
  token: string,
): Promise<BandsAnswer> {
  let response: Response;
  try {
    response = await fetch(`${bandsUrl}/v1/surveys`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(table),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    throw new CliError(
      `cannot reach the bands service at ${bandsUrl}: ${unreachableReason(error)} (is it running? see --bands-url and BANDS_URL)`,
    );
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page, say): shown as the text it is.
  }
  return { status: response.status, statusText: response.statusText, body };
}

/** DOMAIN §5 error shape: `{ statusCode, error, message, fields? }`. */
export function rejectionText(bandsUrl: string, answer: BandsAnswer): string {
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as {
    message?: unknown;
    fields?: unknown;
  };
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : typeof body.message === 'string'
      ? body.message
      : typeof answer.body === 'string'
        ? answer.body.slice(0, 500)
        : '';
  const fields = Array.isArray(body.fields)
    ? (body.fields as FieldProblem[]).map((field) => `\n  ${problemLine(field)}`).join('')
    : '';
  const hint =
    answer.status === 401
      ? '\n(the token is signed with AUTH_JWT_SECRET and AUTH_JWT_ISSUER from this environment; use the values the bands service runs with)'
      : '';
  return `the bands service at ${bandsUrl} refused the survey: ${answer.status} ${answer.statusText}${message ? `: ${message}` : ''}${fields}${hint}`;
}

/** The part of the answer worth showing: its `summary` when it has one. */
export function responseSummary(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && 'summary' in body) return body.summary;
  return body;
}
