import { hasFigures, inForce } from './band-figures';

const band = { min: 100, mid: 120, max: 140 };
const withdrawal = { min: null, mid: null, max: null };

describe('band figures', () => {
  it('a version publishes a band only with its whole range', () => {
    expect(hasFigures(band)).toBe(true);
    expect(hasFigures(withdrawal)).toBe(false);
    expect(hasFigures({ ...band, max: null })).toBe(false);
  });

  it('a withdrawal in force means no band, as no version at all does', () => {
    expect(inForce(band)).toBe(band);
    expect(inForce(withdrawal)).toBeUndefined();
    expect(inForce(undefined)).toBeUndefined();
  });
});
