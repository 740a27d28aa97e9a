import fc from 'fast-check';
import { credentials, type Credential } from './credentials';
import { answerProblem } from './error-shape';
import { requestsFor, type FuzzRequest } from './http-requests';
import type { Operation } from './openapi';

export interface HttpFailure {
  request: string;
  credential: string;
  mutation: string;
  body: string;
  status: number;
  problem: string;
  answer: string;
}

export interface HttpFuzzReport {
  tried: number;
  byStatus: Map<number, number>;
  byKind: Map<string, number>;
  failures: HttpFailure[];
}

/** A request no answer within this long counts as a hang. */
const TIMEOUT_MS = 15_000;

const excerpt = (body: string | Buffer | undefined, size = 300) =>
  body === undefined
    ? ''
    : (typeof body === 'string' ? body : `<bytes ${body.toString('hex')}>`).slice(0, size);

async function send(
  baseUrl: string,
  request: FuzzRequest,
  credential: Credential,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}${request.target}`, {
    method: request.method,
    headers: {
      ...request.headers,
      ...(credential.authorization ? { authorization: credential.authorization } : {}),
    },
    body: request.body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Generates `perOperation` requests for every operation (seeded, so a run reproduces), sends them
 * as raw HTTP with `concurrency` in flight, and checks every answer; failures are collected, not
 * thrown, so one run reports them all.
 */
export async function fuzzHttp(
  operations: Operation[],
  baseUrls: Record<string, string>,
  options: { seed: number; perOperation: number; concurrency: number },
): Promise<HttpFuzzReport> {
  const planned = operations.flatMap((op, i) =>
    fc.sample(fc.tuple(requestsFor(op), credentials()), {
      seed: options.seed + i,
      numRuns: options.perOperation,
    }),
  );
  const report: HttpFuzzReport = {
    tried: 0,
    byStatus: new Map(),
    byKind: new Map(),
    failures: [],
  };
  let next = 0;
  const worker = async () => {
    while (next < planned.length) {
      const [request, credential] = planned[next++];
      const answer = await send(baseUrls[request.service], request, credential).catch(
        (error: unknown) => ({ status: 0, text: `no answer: ${(error as Error).message}` }),
      );
      report.tried++;
      report.byStatus.set(answer.status, (report.byStatus.get(answer.status) ?? 0) + 1);
      report.byKind.set(request.kind, (report.byKind.get(request.kind) ?? 0) + 1);
      const problem = answer.status === 0 ? answer.text : answerProblem(answer.status, answer.text);
      if (problem) {
        report.failures.push({
          request: `${request.service} ${request.method} ${request.target.slice(0, 200)}`,
          credential: credential.label,
          mutation: request.mutation,
          body: excerpt(request.body),
          status: answer.status,
          problem,
          answer: answer.text.slice(0, 300),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return report;
}
