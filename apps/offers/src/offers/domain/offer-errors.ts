import type { FieldProblem, OfferStatus } from '@rangefinder/contracts';

/** What the offer workflow refuses to do, in its own words; the HTTP edge gives each a status. */
export abstract class OfferError extends Error {}

/** The terms do not resolve to a cell the check can use (unknown role, level, location, FX). */
export class InvalidOfferTerms extends OfferError {
  constructor(readonly fields: FieldProblem[]) {
    super(`invalid ${[...new Set(fields.map((f) => f.path))].join(', ')}`);
  }
}

export class OfferNotFound extends OfferError {
  constructor(readonly offerId: string) {
    super(`no offer ${offerId}`);
  }
}

/** Approved, auto-approved or rejected: the offer takes no more decisions. */
export class OfferClosed extends OfferError {
  constructor(
    readonly offerId: string,
    readonly status: OfferStatus,
  ) {
    super(`offer ${offerId} is ${status}; it takes no more decisions`);
  }
}

/** Four eyes: whoever submitted an offer never decides it, whatever role they hold. */
export class OwnOffer extends OfferError {
  constructor() {
    super('a submitter never approves or rejects their own offer');
  }
}

export class NotAnApprover extends OfferError {
  constructor(offerId: string, required: readonly string[], role: string) {
    super(`offer ${offerId} needs ${required.join(' and ')}, not ${role}`);
  }
}

export class AlreadyDecided extends OfferError {
  constructor(offerId: string, role: string) {
    super(`${role} has already decided offer ${offerId} in this round`);
  }
}

/** The same offer id or Idempotency-Key again, with other terms: not a replay. */
export class ReplayWithDifferentTerms extends OfferError {
  constructor(offerId: string) {
    super(
      `offer ${offerId} was already submitted with different terms; use a new offer id or Idempotency-Key`,
    );
  }
}
