import fc from 'fast-check';
import { decimalPlaces, convertAmount, currencyDecimals, roundMoney } from './money';

const money = fc.double({ min: -1e9, max: 1e9, noNaN: true });

describe('decimalPlaces', () => {
  it('reads plain and exponent notation alike', () => {
    expect([185000, 0.01, 122499.99, 1.5, 1e-9, 1.5e-7, 1e21, 1.25e-3].map(decimalPlaces)).toEqual([
      0, 2, 2, 1, 9, 8, 0, 5,
    ]);
  });

  it('is 0 for what is not a finite number', () => {
    expect([NaN, Infinity, -Infinity].map(decimalPlaces)).toEqual([0, 0, 0]);
  });

  it('agrees with rounding: an amount rounded to d places has at most d', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (v, d) => decimalPlaces(roundMoney(v, d)) <= d,
      ),
    );
  });
});

describe('roundMoney', () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [1.1 * 1.15, 2, 1.27],
    [0.1 + 0.2, 2, 0.3],
    [-1.005, 2, -1.01],
    [1.004999, 2, 1],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1234.5, 0, 1235],
    [149.99, -2, 100],
    [150, -2, 200],
    [127_500, -3, 128_000],
    [1e-7, 2, 0],
    [1e20, 2, 1e20],
    [123456789.125, 2, 123456789.13],
  ])('rounds %d to %d decimals as %d', (amount, decimals, expected) => {
    expect(roundMoney(amount, decimals)).toBe(expected);
  });

  it('passes non-finite amounts through, never yields −0, rejects fractional decimals', () => {
    expect(roundMoney(Infinity)).toBe(Infinity);
    expect(roundMoney(NaN)).toBeNaN();
    expect(Object.is(roundMoney(-0.001), 0)).toBe(true);
    expect(() => roundMoney(1, 1.5)).toThrow(RangeError);
  });

  it('is idempotent, monotone, within half a cent, and leaves whole cents', () => {
    fc.assert(
      fc.property(money, money, (a, b) => {
        const rounded = roundMoney(a);
        expect(roundMoney(rounded)).toBe(rounded);
        expect(Math.abs(rounded - a)).toBeLessThanOrEqual(0.005 + Math.abs(a) * 1e-15);
        expect(String(rounded)).toMatch(/^-?\d+(\.\d{1,2})?$/);
        if (a <= b) expect(rounded).toBeLessThanOrEqual(roundMoney(b));
      }),
    );
  });

  it('rounds every exact half-cent up, away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (cents) => {
        const halfCent = Number(`${cents}.5e-2`);
        expect(roundMoney(halfCent)).toBe((cents + 1) / 100);
        expect(roundMoney(-halfCent)).toBe(-(cents + 1) / 100);
      }),
    );
  });
});

describe('currency conversion', () => {
  it('multiplies by the recorded rate and rejects rates that are not > 0', () => {
    expect(convertAmount(100, 1.25)).toBe(125);
    expect(roundMoney(convertAmount(1000, 0.8567))).toBe(856.7);
    expect(() => convertAmount(1, 0)).toThrow(RangeError);
    expect(() => convertAmount(1, NaN)).toThrow(RangeError);
  });

  it('knows the minor units of currencies that do not use 2', () => {
    expect([currencyDecimals('USD'), currencyDecimals('jpy'), currencyDecimals('KWD')]).toEqual([
      2, 0, 3,
    ]);
  });
});
