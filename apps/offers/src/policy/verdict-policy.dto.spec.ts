import { DEFAULT_VERDICT_POLICY } from '@rangefinder/comp-math';
import { edgeProblems } from '@rangefinder/platform';
import { VerdictPolicyDto } from './verdict-policy.dto';

const paths = async (body: unknown) => [
  ...new Set((await edgeProblems(VerdictPolicyDto, body)).map((f) => f.path)),
];

describe('VerdictPolicyDto', () => {
  it('refuses a policy without approvals (it would stop every offer check)', async () => {
    expect(await paths({ farAboveMaxRatio: 0.1 })).toEqual(['approvals']);
    expect(await paths({ farAboveMaxRatio: 0.1, approvals: null })).toEqual(['approvals']);
  });

  it('names every verdict missing from the approvals', async () => {
    expect(await paths({ farAboveMaxRatio: 0.1, approvals: { WITHIN_BAND: [] } })).toEqual([
      'approvals.BELOW_BAND',
      'approvals.ABOVE_BAND',
      'approvals.FAR_ABOVE_BAND',
      'approvals.NO_BAND',
    ]);
  });

  it('names everything missing at once, an empty body included', async () => {
    expect(await paths({})).toEqual(['farAboveMaxRatio', 'approvals']);
  });

  it('takes an optional offer visibility, own or team', async () => {
    expect(await paths(DEFAULT_VERDICT_POLICY)).toEqual([]);
    for (const offerVisibility of ['own', 'team']) {
      expect(await paths({ ...DEFAULT_VERDICT_POLICY, offerVisibility })).toEqual([]);
    }
    expect(await paths({ ...DEFAULT_VERDICT_POLICY, offerVisibility: 'everyone' })).toEqual([
      'offerVisibility',
    ]);
  });
});
