import type { CellObservation } from './cell-observation';
import { groupKeyOf, ObservationIndex } from './observation-index';

function observation(
  key: string,
  revision: string,
  fields: Partial<CellObservation> = {},
): CellObservation {
  return {
    key,
    revision,
    source: 'ai-jobs',
    observedAt: '2024-07-01',
    role: 'data-scientist',
    level: 'IC3',
    zone: 'US-A',
    country: 'US',
    employmentType: 'FT',
    currency: 'USD',
    base: 150_000,
    bonus: null,
    equity: null,
    baseUsd: 150_000,
    companyId: null,
    weight: 1,
    ...fields,
  };
}

const SCIENTIST = 'data-scientist|IC3';
const ENGINEER = 'data-engineer|IC4';

describe('groupKeyOf', () => {
  it('is role|level', () => {
    expect(groupKeyOf({ role: 'data-scientist', level: 'IC3' })).toBe(SCIENTIST);
  });
});

describe('ObservationIndex', () => {
  let index: ObservationIndex;
  beforeEach(() => {
    index = new ObservationIndex();
  });
  const keysByGroup = () =>
    Object.fromEntries(
      [...index.grouped()].map(([group, members]) => [group, members.map((o) => o.key).sort()]),
    );

  it('stores an observation under its role × level and reports that group', () => {
    expect(index.put(observation('a:1', '1'))).toEqual([SCIENTIST]);
    expect(index.put(observation('a:2', '1', { zone: 'US-B' }))).toEqual([SCIENTIST]);
    expect(index.size).toBe(2);
    expect(keysByGroup()).toEqual({ [SCIENTIST]: ['a:1', 'a:2'] });
  });

  it('replaces a key with a newer revision in place', () => {
    index.put(observation('a:1', '1'));
    expect(index.put(observation('a:1', '2', { base: 160_000 }))).toEqual([SCIENTIST]);
    expect(index.size).toBe(1);
    expect(index.get('a:1')?.base).toBe(160_000);
  });

  it('reports both groups when a correction moves a record to another role or level', () => {
    index.put(observation('a:1', '1'));
    const touched = index.put(observation('a:1', '2', { role: 'data-engineer', level: 'IC4' }));
    expect(touched).toEqual([SCIENTIST, ENGINEER]);
    expect(keysByGroup()).toEqual({ [ENGINEER]: ['a:1'] });
  });

  it('never replaces a revision with a lower one, comparing them as numbers', () => {
    index.put(observation('a:1', '10', { base: 160_000 }));
    expect(index.put(observation('a:1', '9', { base: 1 }))).toEqual([]);
    expect(index.get('a:1')?.revision).toBe('10');
    expect(index.get('a:1')?.base).toBe(160_000);
    expect(index.put(observation('a:1', '18446744073709551616'))).toEqual([SCIENTIST]);
    expect(index.put(observation('a:1', '18446744073709551615'))).toEqual([]);
  });

  it('accepts the same revision again (a redelivery)', () => {
    index.put(observation('a:1', '4'));
    expect(index.put(observation('a:1', '4', { base: 155_000 }))).toEqual([SCIENTIST]);
    expect(index.get('a:1')?.base).toBe(155_000);
  });

  it('removes a key and reports its group; an emptied group is gone', () => {
    index.put(observation('a:1', '1'));
    index.put(observation('a:2', '1'));
    expect(index.remove('a:1')).toEqual([SCIENTIST]);
    expect(keysByGroup()).toEqual({ [SCIENTIST]: ['a:2'] });
    expect(index.remove('a:2')).toEqual([SCIENTIST]);
    expect(keysByGroup()).toEqual({});
    expect(index.size).toBe(0);
    expect(index.get('a:2')).toBeUndefined();
  });

  it('touches no group when removing a key it does not hold', () => {
    index.put(observation('a:1', '1'));
    expect(index.remove('a:404')).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('clears everything', () => {
    index.put(observation('a:1', '1'));
    index.put(observation('b:1', '1', { role: 'data-engineer', level: 'IC4' }));
    index.clear();
    expect(index.size).toBe(0);
    expect(keysByGroup()).toEqual({});
  });
});
