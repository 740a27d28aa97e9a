import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FieldProblem } from '@rangefinder/contracts';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldProblem[];
}

/**
 * The one HTTP error shape (§5): `{ statusCode, error, message, fields? }`. Unknown errors become a
 * plain 500 — stack traces and SQL stay in the log, never in a response.
 */
@Catch()
export class ErrorShapeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: ErrorBody): void } }>();
    const body = this.body(exception);
    response.status(body.statusCode).json(body);
  }

  private body(exception: unknown): ErrorBody {
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
    // http-errors from Express middleware (body parser: 413, malformed JSON: 400) say whether their
    // message is safe to show.
    const http = exception as { status?: unknown; expose?: unknown; message?: unknown };
    if (typeof http.status === 'number' && http.status >= 400 && http.status < 500 && http.expose) {
      return {
        statusCode: http.status,
        error: HttpStatus[http.status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
        message: String(http.message),
      };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
  }
}
