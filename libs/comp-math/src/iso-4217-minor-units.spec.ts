import { readFileSync } from 'node:fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain-JS generator beside comp-math
const { minorUnitsModule, TARGET } = require('../tools/iso-4217-minor-units.js') as {
  minorUnitsModule: () => string;
  TARGET: string;
};

describe('the ISO 4217 minor-unit table', () => {
  it('is what the generator makes from currency-codes (run the tool after upgrading it)', () => {
    expect(readFileSync(TARGET, 'utf8')).toBe(minorUnitsModule());
  });
});
