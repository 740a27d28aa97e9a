import {
  type ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  type HttpServer,
  Logger,
} from '@nestjs/common';
import type { FieldProblem } from '@rangefinder/contracts';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldProblem[];
}

/** Where a refusal of Fastify itself lies, for the `fields` a 400 must carry. */
function frameworkErrorPath(code: unknown): string {
  if (code === 'FST_ERR_BAD_URL') return 'url';
  return typeof code === 'string' && code.startsWith('FST_ERR_CTP_') ? 'body' : 'request';
}

/**
 * The one HTTP error shape (§5) for any exception: `{ statusCode, error, message, fields? }`.
 * Unknown errors become a plain 500 — stack traces and SQL never reach a response.
 */
export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const raw = exception.getResponse();
    const error = HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error';
    if (typeof raw === 'string') return { statusCode: status, error, message: raw };
    const r = raw as { message?: string | string[]; fields?: FieldProblem[]; error?: string };
    const message = Array.isArray(r.message)
      ? r.message.join('; ')
      : (r.message ?? exception.message);
    return {
      statusCode: status,
      error: r.error ?? error,
      message,
      ...(r.fields ? { fields: r.fields } : {}),
    };
  }
  // Errors of the HTTP layer itself (body too large: 413, malformed JSON: 400): Express's
  // http-errors say whether their message is safe to show, Fastify's carry an FST_ code.
  const http = exception as {
    status?: unknown;
    statusCode?: unknown;
    expose?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const status = http.statusCode ?? http.status;
  // Fastify's JSON parser marks a body it cannot parse (syntax, `__proto__`/`constructor` keys)
  // as a 400 SyntaxError; its message names the problem and never holds more than the input.
  if (exception instanceof SyntaxError && status === 400) {
    return {
      statusCode: 400,
      error: 'bad request',
      message: 'the request body is not valid JSON',
      fields: [{ path: 'body', problem: `is not valid JSON: ${exception.message}` }],
    };
  }
  const safe =
    http.expose === true || (typeof http.code === 'string' && http.code.startsWith('FST_'));
  if (typeof status === 'number' && status >= 400 && status < 500 && safe) {
    const message = String(http.message);
    return {
      statusCode: status,
      error: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
      message,
      ...(status === 400
        ? { fields: [{ path: frameworkErrorPath(http.code), problem: message }] }
        : {}),
    };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
}

/** Every exception a route lets through, answered in the one error shape; a 500 is logged. */
@Catch()
export class ErrorShapeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  /** The app's HTTP adapter (Fastify in the services); without one, an Express response. */
  constructor(private readonly adapter?: HttpServer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<unknown>();
    const body = errorBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (this.adapter) this.adapter.reply(response, body, body.statusCode);
    else
      (response as { status(code: number): { json(b: ErrorBody): void } })
        .status(body.statusCode)
        .json(body);
  }
}
