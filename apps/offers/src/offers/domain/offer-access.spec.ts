import { Role } from '@rangefinder/platform';
import { visibleSubmitter } from './offer-access';

describe('visibleSubmitter', () => {
  it('limits a recruiter to the offers they submitted', () => {
    expect(visibleSubmitter({ subject: 'r-1', role: Role.Recruiter })).toBe('r-1');
  });

  it('shows every offer to approvers and comp analysts', () => {
    for (const role of [Role.CompLead, Role.Finance, Role.CompAnalyst]) {
      expect(visibleSubmitter({ subject: 'x', role })).toBeUndefined();
    }
  });
});
