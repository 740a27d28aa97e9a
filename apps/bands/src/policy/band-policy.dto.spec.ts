import { edgeProblems } from '@rangefinder/platform';
import { defaultPolicyBody } from '../cells/band-policy';
import { BandPolicyDto } from './band-policy.dto';

const paths = async (body: unknown) => [
  ...new Set((await edgeProblems(BandPolicyDto, body)).map((f) => f.path)),
];

describe('BandPolicyDto', () => {
  it('accepts the default policy', async () => {
    expect(await paths(defaultPolicyBody('2025-01-19'))).toEqual([]);
  });

  it('names every missing part at once, the suppression rules included', async () => {
    const reported = await paths({ windowMonths: 0 });
    for (const path of ['windowMonths', 'aging', 'edges', 'suppression']) {
      expect(reported).toContain(path);
    }
  });

  it('refuses a policy whose ladder edges are missing', async () => {
    const { edges, ...body } = defaultPolicyBody('2025-01-19');
    expect(await paths({ ...body, edges: { management: edges.management } })).toEqual([
      'edges.individual-contributor',
      'edges.executive',
    ]);
  });

  it('takes precedence and credibility as optional, validated where given', async () => {
    const { precedence: _p, credibility: _c, ...older } = defaultPolicyBody('2025-01-19');
    expect(await paths(older)).toEqual([]);
    const body = defaultPolicyBody('2025-01-19');
    expect(await paths({ ...body, precedence: ['survey', 'own-records'] })).toEqual([]);
    expect(await paths({ ...body, precedence: ['own-records', 'own-records'] })).toEqual([
      'precedence',
    ]);
    expect(await paths({ ...body, precedence: ['records'] })).toEqual(['precedence']);
    expect(await paths({ ...body, precedence: [] })).toEqual(['precedence']);
    expect(await paths({ ...body, credibility: { k: -1 } })).toEqual(['credibility.k']);
    expect(await paths({ ...body, credibility: {} })).toEqual(['credibility.k']);
  });
});
