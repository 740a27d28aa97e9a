import { edgeProblems } from '@rangefinder/platform';
import { StructureDto } from './structure.dto';

const paths = async (body: unknown) => [
  ...new Set((await edgeProblems(StructureDto, body)).map((f) => f.path)),
];

const STRUCTURE = {
  name: 'Executive 2025',
  roles: ['vp-engineering'],
  currency: 'USD',
  rounding: 'nearest-1000',
  levels: [{ level: 'E1', min: 220_000, mid: 280_000, max: 350_000 }],
};

describe('StructureDto', () => {
  it('accepts a complete structure', async () => {
    expect(await paths(STRUCTURE)).toEqual([]);
  });

  it('names every missing part at once', async () => {
    expect(await paths({})).toEqual(['name', 'roles', 'currency', 'rounding', 'levels']);
  });

  it('names every missing part of a level', async () => {
    expect(await paths({ ...STRUCTURE, levels: [{ level: 'E1' }, {}] })).toEqual([
      'levels.0.min',
      'levels.0.mid',
      'levels.0.max',
      'levels.1.level',
      'levels.1.min',
      'levels.1.mid',
      'levels.1.max',
    ]);
  });
});
