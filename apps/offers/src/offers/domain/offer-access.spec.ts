import { Role } from '@rangefinder/platform';
import { inScope, offerScope } from './offer-access';

const offer = (submittedBy: string, submittedTeam: string | null = null) => ({
  submittedBy,
  submittedTeam,
});

describe('who reads which offer', () => {
  const rita = { subject: 'rita', role: Role.Recruiter, team: 'emea' };
  const sam = { subject: 'sam', role: Role.Recruiter, team: 'emea' };
  const ann = { subject: 'ann', role: Role.Recruiter, team: 'apac' };
  const solo = { subject: 'solo', role: Role.Recruiter };
  const offers = [offer('rita', 'emea'), offer('sam', 'emea'), offer('ann', 'apac'), offer('solo')];
  const visible = (reader: Parameters<typeof offerScope>[0], visibility: 'own' | 'team') =>
    offers.filter((o) => inScope(offerScope(reader, visibility), o)).map((o) => o.submittedBy);

  it('limits a recruiter to the offers they submitted by default', () => {
    expect(visible(rita, 'own')).toEqual(['rita']);
    expect(visible(ann, 'own')).toEqual(['ann']);
    expect(offerScope(rita, 'own')).toEqual({ submitter: 'rita', team: null });
  });

  it("shows a recruiter their team's offers when the policy says team, never another team's", () => {
    expect(visible(rita, 'team')).toEqual(['rita', 'sam']);
    expect(visible(sam, 'team')).toEqual(['rita', 'sam']);
    expect(visible(ann, 'team')).toEqual(['ann']);
  });

  it('keeps a recruiter whose token names no team to their own offers', () => {
    expect(visible(solo, 'team')).toEqual(['solo']);
  });

  it('shows every offer to approvers and comp analysts, whatever the visibility', () => {
    for (const role of [Role.CompLead, Role.Finance, Role.CompAnalyst]) {
      for (const visibility of ['own', 'team'] as const) {
        expect(offerScope({ subject: 'x', role, team: 'emea' }, visibility)).toBeUndefined();
        expect(visible({ subject: 'x', role }, visibility)).toEqual(['rita', 'sam', 'ann', 'solo']);
      }
    }
  });
});
