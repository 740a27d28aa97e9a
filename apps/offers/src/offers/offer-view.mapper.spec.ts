import type { OfferCheck } from '../checks/offer-check';
import type { ApprovalRow, AuditRow, OfferRow } from './offer-rows';
import { offerView } from './offer-view.mapper';

const ROUND_START = new Date('2026-03-01T08:00:00.000Z');
const hoursLater = (hours: number) => new Date(ROUND_START.getTime() + hours * 3_600_000);

function row(fields: Partial<OfferRow> = {}): OfferRow {
  return {
    id: 'o-far',
    idempotency_key: null,
    request_fingerprint: '{}',
    requisition_id: 'REQ-1',
    submitted_by: 'recruiter-1',
    submitted_team: null,
    terms: { role: 'qa-engineer', level: 'IC6', location: 'US-A', currency: 'USD', base: 200_000 },
    cell: 'qa-engineer|IC6|US-A',
    status: 'pending-approval',
    // Only what the view reads of a check besides passing it through.
    check: { verdict: 'FAR_ABOVE_BAND', requiredApprovals: ['comp-lead', 'finance'] } as OfferCheck,
    approval_round: 2,
    round_started_at: ROUND_START,
    created_at: new Date('2026-02-27T12:00:00.000Z'),
    updated_at: ROUND_START,
    decided_at: null,
    last_event: {} as OfferRow['last_event'],
    ...fields,
  };
}

const approval = (round: number, role: string, decision: 'approve' | 'reject' = 'approve') =>
  ({
    round,
    role,
    decided_by: `${role}-1`,
    decision,
    comment: null,
    decided_at: hoursLater(round),
  }) satisfies ApprovalRow;

describe('offerView', () => {
  const clock = { now: hoursLater(10.04), slaHours: 48 };

  it('shows the current round: its decisions and the roles still to decide', () => {
    const view = offerView(
      row(),
      [approval(1, 'comp-lead'), approval(1, 'finance'), approval(2, 'finance')],
      [],
      clock,
    );
    expect(view.approvals).toEqual({
      round: 2,
      required: ['comp-lead', 'finance'],
      pending: ['comp-lead'],
      decisions: [
        {
          role: 'finance',
          by: 'finance-1',
          decision: 'approve',
          comment: null,
          at: '2026-03-01T10:00:00.000Z',
        },
      ],
    });
  });

  it('runs the SLA clock from the start of the round, escalating only past the SLA', () => {
    expect(offerView(row(), [], [], clock).waiting).toEqual({
      since: '2026-03-01T08:00:00.000Z',
      hours: 10,
      slaHours: 48,
      escalated: false,
    });
    expect(offerView(row(), [], [], { ...clock, now: hoursLater(48) }).waiting?.escalated).toBe(
      false,
    );
    expect(offerView(row(), [], [], { ...clock, now: hoursLater(48.01) }).waiting).toMatchObject({
      hours: 48,
      escalated: true,
    });
  });

  it('has nothing pending and no clock once decided', () => {
    const decided = row({ status: 'approved', decided_at: hoursLater(3) });
    const view = offerView(decided, [approval(2, 'comp-lead'), approval(2, 'finance')], [], clock);
    expect(view.approvals.pending).toEqual([]);
    expect(view.waiting).toBeNull();
    expect(view.decidedAt).toBe('2026-03-01T11:00:00.000Z');
    expect(view.createdAt).toBe('2026-02-27T12:00:00.000Z');
  });

  it('lists the audit trail with each entry’s details', () => {
    const audit: AuditRow[] = [
      {
        at: hoursLater(0),
        actor: 'rangefinder',
        action: 'rechecked: approvals restarted',
        band_version: 3,
        detail: { from: { verdict: 'ABOVE_BAND' }, to: { verdict: 'FAR_ABOVE_BAND' } },
      },
    ];
    expect(offerView(row(), [], audit, clock).audit).toEqual([
      {
        at: '2026-03-01T08:00:00.000Z',
        actor: 'rangefinder',
        action: 'rechecked: approvals restarted',
        bandVersion: 3,
        from: { verdict: 'ABOVE_BAND' },
        to: { verdict: 'FAR_ABOVE_BAND' },
      },
    ]);
  });
});
