import fc from 'fast-check';
import type { OfferStatus, OfferVerdictCode } from '@rangefinder/contracts';
import {
  decisionRefusal,
  initialStatus,
  isDecided,
  recheckOutcome,
  statusAfterDecisions,
  type CheckOutcome,
  type OfferUnderApproval,
  type RoundDecision,
} from './approval-rules';
import { AlreadyDecided, NotAnApprover, OfferClosed, OwnOffer } from './offer-errors';

const APPROVERS = ['comp-lead', 'finance', 'comp-analyst'];
const VERDICTS: OfferVerdictCode[] = [
  'WITHIN_BAND',
  'BELOW_BAND',
  'ABOVE_BAND',
  'FAR_ABOVE_BAND',
  'NO_BAND',
];

const waiting = (requiredApprovals: string[]): OfferUnderApproval => ({
  id: 'o-1',
  status: 'pending-approval',
  submittedBy: 'recruiter-1',
  requiredApprovals,
});

const required = fc.uniqueArray(fc.constantFrom(...APPROVERS), { minLength: 1 });
const decision = fc.record({
  role: fc.constantFrom(...APPROVERS),
  decision: fc.constantFrom<RoundDecision['decision']>('approve', 'reject'),
});
const check = fc.record({
  verdict: fc.constantFrom(...VERDICTS),
  autoApproved: fc.boolean(),
  publishedVersion: fc.option(fc.integer({ min: 1, max: 5 })),
  policyVersion: fc.integer({ min: 1, max: 3 }),
});

describe('initialStatus', () => {
  it('auto-approves what the check auto-approves and sends the rest for approval', () => {
    expect(initialStatus({ autoApproved: true })).toBe('auto-approved');
    expect(initialStatus({ autoApproved: false })).toBe('pending-approval');
  });
});

describe('isDecided', () => {
  it('holds for every status but waiting', () => {
    const statuses: OfferStatus[] = ['auto-approved', 'approved', 'rejected'];
    for (const status of statuses) expect(isDecided(status)).toBe(true);
    expect(isDecided('pending-approval')).toBe(false);
  });
});

describe('decisionRefusal', () => {
  const lead = { subject: 'lead-1', role: 'comp-lead' };

  it('lets a required role decide a waiting offer once', () => {
    expect(decisionRefusal(waiting(['comp-lead']), lead, [])).toBeUndefined();
    expect(
      decisionRefusal(waiting(['comp-lead', 'finance']), lead, [
        { role: 'finance', decision: 'approve' },
      ]),
    ).toBeUndefined();
  });

  it('refuses a decided offer, naming its status', () => {
    for (const status of ['auto-approved', 'approved', 'rejected'] as const) {
      const refusal = decisionRefusal({ ...waiting(['comp-lead']), status }, lead, []);
      expect(refusal).toBeInstanceOf(OfferClosed);
      expect(refusal?.message).toBe(`offer o-1 is ${status}; it takes no more decisions`);
    }
  });

  it('refuses the submitter under any role', () => {
    const refusal = decisionRefusal(
      waiting(['comp-lead']),
      { subject: 'recruiter-1', role: 'comp-lead' },
      [],
    );
    expect(refusal).toBeInstanceOf(OwnOffer);
    expect(refusal?.message).toBe('a submitter never approves or rejects their own offer');
  });

  it('refuses a role the verdict does not require, naming the ones it does', () => {
    const refusal = decisionRefusal(
      waiting(['comp-lead', 'finance']),
      { subject: 'a-1', role: 'comp-analyst' },
      [],
    );
    expect(refusal).toBeInstanceOf(NotAnApprover);
    expect(refusal?.message).toBe('offer o-1 needs comp-lead and finance, not comp-analyst');
  });

  it('refuses a second decision of the same role in the round', () => {
    const refusal = decisionRefusal(waiting(['comp-lead', 'finance']), lead, [
      { role: 'comp-lead', decision: 'approve' },
    ]);
    expect(refusal).toBeInstanceOf(AlreadyDecided);
    expect(refusal?.message).toBe('comp-lead has already decided offer o-1 in this round');
  });

  it('checks in order: closed, own offer, role, once per round', () => {
    const submitter = { subject: 'recruiter-1', role: 'finance' };
    const decided = [{ role: 'finance', decision: 'approve' as const }];
    expect(
      decisionRefusal({ ...waiting(['comp-lead']), status: 'approved' }, submitter, decided),
    ).toBeInstanceOf(OfferClosed);
    expect(decisionRefusal(waiting(['comp-lead']), submitter, decided)).toBeInstanceOf(OwnOffer);
    expect(
      decisionRefusal(waiting(['comp-lead']), { subject: 'f-1', role: 'finance' }, decided),
    ).toBeInstanceOf(NotAnApprover);
  });

  it('never lets the submitter decide, whatever the round holds', () => {
    fc.assert(
      fc.property(
        required,
        fc.constantFrom(...APPROVERS),
        fc.array(decision),
        (req, role, round) => {
          const refusal = decisionRefusal(waiting(req), { subject: 'recruiter-1', role }, round);
          expect(refusal).toBeInstanceOf(OwnOffer);
        },
      ),
    );
  });

  it('lets a role decide at most once per round', () => {
    fc.assert(
      fc.property(required, fc.array(decision), (req, round) => {
        for (const role of req) {
          const refusal = decisionRefusal(waiting(req), { subject: 'approver', role }, round);
          const already = round.some((d) => d.role === role);
          expect(refusal instanceof AlreadyDecided).toBe(already);
          if (!already) expect(refusal).toBeUndefined();
        }
      }),
    );
  });
});

describe('statusAfterDecisions', () => {
  it('approves when every required role approved, and waits until then', () => {
    const req = ['comp-lead', 'finance'];
    expect(statusAfterDecisions(req, [{ role: 'comp-lead', decision: 'approve' }])).toBe(
      'pending-approval',
    );
    expect(
      statusAfterDecisions(req, [
        { role: 'comp-lead', decision: 'approve' },
        { role: 'finance', decision: 'approve' },
      ]),
    ).toBe('approved');
    expect(statusAfterDecisions(['comp-lead'], [{ role: 'comp-lead', decision: 'reject' }])).toBe(
      'rejected',
    );
  });

  it('ends the round at any rejection', () => {
    fc.assert(
      fc.property(required, fc.array(decision), decision, fc.array(decision), (req, a, r, b) => {
        const round = [...a, { ...r, decision: 'reject' as const }, ...b];
        expect(statusAfterDecisions(req, round)).toBe('rejected');
      }),
    );
  });

  it('approves exactly when every required role approved and no one rejected', () => {
    fc.assert(
      fc.property(required, fc.array(decision), (req, round) => {
        const approved = req.every((role) =>
          round.some((d) => d.role === role && d.decision === 'approve'),
        );
        const rejected = round.some((d) => d.decision === 'reject');
        const expected = rejected ? 'rejected' : approved ? 'approved' : 'pending-approval';
        expect(statusAfterDecisions(req, round)).toBe(expected);
      }),
    );
  });

  it('takes an offer through its round: approved only by all, closed once decided', () => {
    const attempt = fc.record({
      subject: fc.constantFrom('recruiter-1', 'approver-1', 'approver-2'),
      role: fc.constantFrom(...APPROVERS, 'recruiter'),
      decision: fc.constantFrom<RoundDecision['decision']>('approve', 'reject'),
    });
    fc.assert(
      fc.property(required, fc.array(attempt, { maxLength: 12 }), (req, attempts) => {
        const offer = waiting(req);
        const round: RoundDecision[] = [];
        for (const a of attempts) {
          const refusal = decisionRefusal(offer, a, round);
          if (isDecided(offer.status)) expect(refusal).toBeInstanceOf(OfferClosed);
          if (refusal) continue;
          round.push({ role: a.role, decision: a.decision });
          offer.status = statusAfterDecisions(req, round);
        }
        const roles = round.map((d) => d.role);
        expect(new Set(roles).size).toBe(roles.length);
        expect(roles.every((role) => req.includes(role))).toBe(true);
        if (offer.status === 'approved') {
          expect(round.filter((d) => d.decision === 'approve').length).toBe(req.length);
        }
        expect(offer.status).not.toBe('auto-approved');
      }),
    );
  });
});

describe('recheckOutcome', () => {
  const stored: CheckOutcome = {
    verdict: 'ABOVE_BAND',
    autoApproved: false,
    publishedVersion: 3,
    policyVersion: 1,
  };

  it('leaves an offer checked against the same band and policy versions alone', () => {
    expect(recheckOutcome({ round: 1, check: stored }, { ...stored })).toEqual({
      kind: 'unchanged',
    });
  });

  it('only moves the version when the verdict stays', () => {
    expect(recheckOutcome({ round: 1, check: stored }, { ...stored, publishedVersion: 4 })).toEqual(
      { kind: 'version-moved' },
    );
    expect(recheckOutcome({ round: 2, check: stored }, { ...stored, policyVersion: 2 })).toEqual({
      kind: 'version-moved',
    });
  });

  it('restarts the approvals in a new round when the verdict changes', () => {
    const within = { ...stored, verdict: 'WITHIN_BAND' as const, autoApproved: true };
    expect(recheckOutcome({ round: 1, check: stored }, { ...within, publishedVersion: 4 })).toEqual(
      { kind: 'restarted', status: 'auto-approved', round: 2 },
    );
    const far = { ...stored, verdict: 'FAR_ABOVE_BAND' as const, policyVersion: 2 };
    expect(recheckOutcome({ round: 2, check: stored }, far)).toEqual({
      kind: 'restarted',
      status: 'pending-approval',
      round: 3,
    });
  });

  it('restarts exactly when a version moved and the verdict changed', () => {
    fc.assert(
      fc.property(check, check, fc.integer({ min: 1, max: 9 }), (before, after, round) => {
        const outcome = recheckOutcome({ round, check: before }, after);
        const moved =
          before.publishedVersion !== after.publishedVersion ||
          before.policyVersion !== after.policyVersion;
        const expected = !moved
          ? 'unchanged'
          : before.verdict === after.verdict
            ? 'version-moved'
            : 'restarted';
        expect(outcome.kind).toBe(expected);
        if (outcome.kind === 'restarted') {
          expect(outcome).toEqual({
            kind: 'restarted',
            status: initialStatus(after),
            round: round + 1,
          });
        }
      }),
    );
  });
});
