import { BadRequestException, type ArgumentsHost, type CallHandler } from '@nestjs/common';
import { lastValueFrom, throwError } from 'rxjs';
import { ErrorShapeFilter, type ErrorBody } from '@rangefinder/platform';
import {
  AlreadyDecided,
  InvalidOfferTerms,
  NotAnApprover,
  OfferClosed,
  OfferNotFound,
  OwnOffer,
  ReplayWithDifferentTerms,
  type OfferError,
} from './domain/offer-errors';
import { httpErrorFor, OfferErrorsInterceptor } from './offer-errors.interceptor';

/** The body the service's one error filter answers with. */
function rendered(error: OfferError): ErrorBody {
  let body: ErrorBody | undefined;
  const response = { status: () => ({ json: (b: ErrorBody) => (body = b) }) };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as ArgumentsHost;
  new ErrorShapeFilter().catch(httpErrorFor(error), host);
  return body!;
}

describe('httpErrorFor', () => {
  it('answers each refusal with its status and message in the one error shape', () => {
    expect(rendered(new OfferNotFound('o-1'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'no offer o-1',
    });
    expect(rendered(new OfferClosed('o-1', 'approved'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'offer o-1 is approved; it takes no more decisions',
    });
    expect(rendered(new OwnOffer())).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'a submitter never approves or rejects their own offer',
    });
    expect(rendered(new NotAnApprover('o-1', ['comp-lead'], 'finance'))).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'offer o-1 needs comp-lead, not finance',
    });
    expect(rendered(new AlreadyDecided('o-1', 'comp-lead'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'comp-lead has already decided offer o-1 in this round',
    });
    expect(rendered(new ReplayWithDifferentTerms('o-1'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message:
        'offer o-1 was already submitted with different terms; use a new offer id or Idempotency-Key',
    });
  });

  it('names every field of terms that do not resolve, as the validation pipe does', () => {
    const fields = [
      { path: 'location', problem: 'no pay zone covers country "XQ"' },
      { path: 'location', problem: 'another' },
      { path: 'level', problem: 'unknown' },
    ];
    expect(rendered(new InvalidOfferTerms(fields))).toEqual({
      statusCode: 400,
      error: 'bad request',
      message: 'invalid location, level',
      fields,
    });
  });
});

describe('OfferErrorsInterceptor', () => {
  const failing = (error: unknown): CallHandler => ({ handle: () => throwError(() => error) });
  const intercepted = (error: unknown) =>
    lastValueFrom(new OfferErrorsInterceptor().intercept({} as never, failing(error)));

  it('turns a domain error into its HTTP answer', async () => {
    await expect(intercepted(new OfferNotFound('o-1'))).rejects.toMatchObject({
      status: 404,
      message: 'no offer o-1',
    });
  });

  it('lets every other error through as it is', async () => {
    const other = new BadRequestException('invalid base');
    await expect(intercepted(other)).rejects.toBe(other);
    const crash = new Error('connection lost');
    await expect(intercepted(crash)).rejects.toBe(crash);
  });
});
