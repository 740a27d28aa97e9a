import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  type CallHandler,
  type ExecutionContext,
  type HttpException,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { invalidFields } from '@rangefinder/platform';
import {
  InvalidOfferTerms,
  NotAnApprover,
  OfferError,
  OfferNotFound,
  OwnOffer,
} from './domain/offer-errors';

/** A refusal of the offer workflow as the HTTP answer the service's one error shape renders. */
export function httpErrorFor(error: OfferError): HttpException {
  if (error instanceof InvalidOfferTerms) return invalidFields(error.fields);
  if (error instanceof OfferNotFound) return new NotFoundException(error.message);
  if (error instanceof OwnOffer || error instanceof NotAnApprover) {
    return new ForbiddenException(error.message);
  }
  // Closed, already decided by that role, replayed with other terms: the offer's state conflicts.
  return new ConflictException(error.message);
}

/**
 * The HTTP edge of the offer use cases: their domain errors become 400/403/404/409 before the
 * error-shape filter renders them. Global, so every controller reaching a use case (offers,
 * checks, the verdict policy's re-check) answers alike.
 */
@Injectable()
export class OfferErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() => (error instanceof OfferError ? httpErrorFor(error) : error)),
        ),
      );
  }
}
