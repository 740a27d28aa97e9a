import { observationOf } from './observation.store';

describe('observationOf (COPY text format)', () => {
  it('reads every column, nulls and escapes', () => {
    const line = [
      'src:id\\twith\\\\tab',
      '42',
      'src',
      '2024-07-01',
      'data-scientist',
      'IC4',
      'US-A',
      'US',
      'FT',
      'USD',
      '123456.78',
      '\\N',
      '5000',
      '123456.78',
      '\\N',
      '0.5',
    ].join('\t');
    expect(observationOf(line)).toEqual({
      key: 'src:id\twith\\tab',
      revision: '42',
      source: 'src',
      observedAt: '2024-07-01',
      role: 'data-scientist',
      level: 'IC4',
      zone: 'US-A',
      country: 'US',
      employmentType: 'FT',
      currency: 'USD',
      base: 123456.78,
      bonus: null,
      equity: 5000,
      baseUsd: 123456.78,
      companyId: null,
      weight: 0.5,
    });
  });
});
