import { BadRequestException, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import { ErrorShapeFilter, errorBody, type ErrorBody } from './error-shape.filter';

/** What the filter replies for `exception`, through a recording adapter. */
function reply(exception: unknown): { status: number; body: ErrorBody } {
  let sent: { status: number; body: ErrorBody } | undefined;
  const adapter = {
    reply: (_response: unknown, body: ErrorBody, status: number) => (sent = { status, body }),
  } as unknown as HttpServer;
  const host = {
    switchToHttp: () => ({ getResponse: () => ({}) }),
  } as unknown as ArgumentsHost;
  new ErrorShapeFilter(adapter).catch(exception, host);
  return sent!;
}

const parseError = (message: string) =>
  Object.assign(new SyntaxError(message), { statusCode: 400 });

describe('ErrorShapeFilter', () => {
  it('answers a body the JSON parser refused with a 400 naming the body', () => {
    for (const message of [
      'Unexpected end of JSON input',
      'Object contains forbidden prototype property',
      'Object contains forbidden constructor property',
    ]) {
      expect(reply(parseError(message))).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'bad request',
          message: 'the request body is not valid JSON',
          fields: [{ path: 'body', problem: `is not valid JSON: ${message}` }],
        },
      });
    }
  });

  it('keeps an unexpected SyntaxError (a bug, not input) a plain 500 without its text', () => {
    expect(reply(new SyntaxError('Unexpected token in our own code'))).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error' },
    });
  });

  it("names the URL in a 400 of Fastify's own (a path it cannot decode)", () => {
    const badUrl = Object.assign(new Error("'/v1/offers/%E0%A4%A' is not a valid url component"), {
      code: 'FST_ERR_BAD_URL',
      statusCode: 400,
    });
    expect(errorBody(badUrl)).toEqual({
      statusCode: 400,
      error: 'bad request',
      message: "'/v1/offers/%E0%A4%A' is not a valid url component",
      fields: [{ path: 'url', problem: "'/v1/offers/%E0%A4%A' is not a valid url component" }],
    });
  });

  it('passes an HTTP exception through in the one shape', () => {
    expect(reply(new BadRequestException('nope')).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'nope',
    });
  });
});
