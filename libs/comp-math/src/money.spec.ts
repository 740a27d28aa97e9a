import Decimal from 'decimal.js';
import fc from 'fast-check';
import {
  convertMoney,
  currencyDecimals,
  decimalPlaces,
  parseMoney,
  roundMoney,
  roundToCurrency,
  scaleMoney,
  sumMoney,
} from './money';

const money = fc.double({ min: -1e9, max: 1e9, noNaN: true });
const cents = fc.integer({ min: -1e11, max: 1e11 }).map((c) => c / 100);

describe('minor units (ISO 4217)', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['USD', 2],
    ['EUR', 2],
    ['AUD', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
    ['jpy', 0],
  ])('%s has %d', (currency, digits) => {
    expect(currencyDecimals(currency)).toBe(digits);
  });

  it('gives 2 to a code ISO does not list and to codes without a minor unit (gold, XXX)', () => {
    expect(['ABC', 'XAU', 'XXX', ''].map(currencyDecimals)).toEqual([2, 2, 2, 2]);
  });
});

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
      fc.property(money, fc.integer({ min: 0, max: 3 }), (v, d) => {
        expect(decimalPlaces(roundMoney(v, d))).toBeLessThanOrEqual(d);
      }),
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
    [0.0005, 3, 0.001],
  ])('rounds %d to %d decimals as %d', (amount, decimals, expected) => {
    expect(roundMoney(amount, decimals)).toBe(expected);
  });

  it.each([
    [2.5, 0, 3, 2],
    [3.5, 0, 4, 4],
    [-2.5, 0, -3, -2],
    [1.005, 2, 1.01, 1],
    [1.015, 2, 1.02, 1.02],
    [0.0125, 3, 0.013, 0.012],
    [12_500, -3, 13_000, 12_000],
  ])('rounds the half %d to %d decimals half-up as %d, half-even as %d', (a, d, up, even) => {
    expect(roundMoney(a, d, 'half-up')).toBe(up);
    expect(roundMoney(a, d, 'half-even')).toBe(even);
  });

  it('passes non-finite amounts through, never yields −0, rejects bad arguments', () => {
    expect(roundMoney(Infinity)).toBe(Infinity);
    expect(roundMoney(NaN)).toBeNaN();
    expect(Object.is(roundMoney(-0.001), 0)).toBe(true);
    expect(Object.is(roundMoney(-0), 0)).toBe(true);
    expect(() => roundMoney(1.234, 1.5)).toThrow(RangeError);
    expect(() => roundMoney(1.234, 2, 'up' as never)).toThrow(RangeError);
  });

  it('rounds to the currency: JPY whole yen, KWD fils', () => {
    expect(roundToCurrency(1234.5, 'JPY')).toBe(1235);
    expect(roundToCurrency(1234.5, 'JPY', 'half-even')).toBe(1234);
    expect(roundToCurrency(1.2345, 'KWD')).toBe(1.235);
    expect(roundToCurrency(1.2345, 'USD')).toBe(1.23);
  });

  it('is idempotent, monotone, within half a cent, and leaves whole cents', () => {
    fc.assert(
      fc.property(money, money, (a, b) => {
        const r = roundMoney(a);
        expect(roundMoney(r)).toBe(r);
        expect(Math.abs(r - a)).toBeLessThanOrEqual(0.005 + Math.abs(a) * 1e-15);
        expect(String(r)).toMatch(/^-?\d+(\.\d{1,2})?$/);
        if (a <= b) expect(r).toBeLessThanOrEqual(roundMoney(b));
      }),
    );
  });

  it('rounds every exact half-cent up, away from zero; half-even to the even cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (c) => {
        const halfCent = Number(`${c}.5e-2`);
        expect(roundMoney(halfCent)).toBe((c + 1) / 100);
        expect(roundMoney(-halfCent)).toBe(-(c + 1) / 100);
        expect(roundMoney(halfCent, 2, 'half-even')).toBe((c % 2 === 0 ? c : c + 1) / 100);
      }),
    );
  });
});

describe('convertMoney', () => {
  it('converts JPY to USD and USD to KWD, rounded half-up to the target minor unit', () => {
    expect(convertMoney(12_345_678, 0.006_632, 'USD')).toBe(81_876.54); // 81,876.536496
    expect(convertMoney(150_000, 0.306_5, 'KWD')).toBe(45_975);
    expect(convertMoney(1_234.56, 0.306_789, 'KWD')).toBe(378.749); // 378.74942784
    expect(convertMoney(1, 0.306_5, 'KWD')).toBe(0.307); // the double 0.3065 is a hair below
    expect(convertMoney(100, 149.995, 'JPY')).toBe(15_000); // 14,999.5
    expect(convertMoney(1000, 0.8567, 'EUR')).toBe(856.7);
  });

  it('multiplies exactly where a double does not: 0.285 × 100 is 28.5, so 29 yen', () => {
    expect(0.285 * 100).not.toBe(28.5);
    expect(convertMoney(0.285, 100, 'JPY')).toBe(29);
    expect(convertMoney('1.005', 1, 'USD')).toBe(1.01);
  });

  it('rejects rates that are not > 0', () => {
    for (const rate of [0, -1, NaN, Infinity]) {
      expect(() => convertMoney(1, rate, 'USD')).toThrow(RangeError);
    }
  });

  it('is within half a minor unit of the exact product, and rate 1 is rounding', () => {
    fc.assert(
      fc.property(cents, fc.double({ min: 1e-4, max: 1e4, noNaN: true }), (amount, rate) => {
        const usd = convertMoney(amount, rate, 'USD');
        expect(Math.abs(usd - amount * rate)).toBeLessThanOrEqual(
          0.005 + Math.abs(amount * rate) * 1e-14,
        );
        expect(convertMoney(amount, 1, 'USD')).toBe(amount);
      }),
    );
  });
});

describe('the fast path', () => {
  /** The rule itself, in decimal.js: the 15-digit reading of a double, the exact product. */
  const oracle = (amount: number, factor: number, decimals: number, mode: Decimal.Rounding) => {
    const exact = new Decimal(amount.toPrecision(15)).times(factor);
    const r = exact.toDecimalPlaces(decimals, mode).toNumber();
    return r === 0 ? 0 : r;
  };
  const amounts = fc.oneof(
    money,
    cents,
    fc.integer({ min: -1e9, max: 1e9 }).map((m) => m / 1000 + 0.0005), // exact halves at 3 places
    fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 100 + 0.005),
  );
  const rates = fc.oneof(
    fc.constant(1),
    fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
    fc.integer({ min: 1, max: 99_999 }).map((k) => k / 10_000),
  );

  it('rounds exactly as the decimal product would, halves included', () => {
    fc.assert(
      fc.property(amounts, rates, fc.integer({ min: 0, max: 3 }), (amount, rate, d) => {
        expect(scaleMoney(amount, rate, d)).toBe(oracle(amount, rate, d, Decimal.ROUND_HALF_UP));
        expect(roundMoney(amount, d)).toBe(oracle(amount, 1, d, Decimal.ROUND_HALF_UP));
        expect(roundMoney(amount, d, 'half-even')).toBe(
          oracle(amount, 1, d, Decimal.ROUND_HALF_EVEN),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sumMoney and scaleMoney', () => {
  it('sums exactly where doubles drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMoney([0.1, 0.2], 'USD')).toBe(0.3);
    const pennies = Array<number>(10_000).fill(0.01);
    expect(pennies.reduce((a, b) => a + b, 0)).not.toBe(100);
    expect(sumMoney(pennies, 'USD')).toBe(100);
    expect(sumMoney(['1000000000000.01', '0.02', null, undefined], 'USD')).toBe(
      1_000_000_000_000.03,
    );
    expect(sumMoney([], 'JPY')).toBe(0);
    expect(sumMoney([0.001, 0.001, 0.001], 'KWD')).toBe(0.003);
  });

  it('rounds the sum once, at the end', () => {
    // Each 0.004 rounds to 0.00 alone; together they are 0.012 → 0.01.
    expect(sumMoney([0.004, 0.004, 0.004], 'USD')).toBe(0.01);
    expect(sumMoney([100.5, 0.4], 'JPY')).toBe(101);
  });

  it('is exact for any cents in any order', () => {
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 50 }), (amounts) => {
        const inCents = amounts.reduce((a, b) => a + Math.round(b * 100), 0);
        expect(sumMoney(amounts, 'USD')).toBe(inCents / 100);
        expect(sumMoney([...amounts].reverse(), 'USD')).toBe(sumMoney(amounts, 'USD'));
      }),
    );
  });

  it('rejects what is not a finite amount', () => {
    expect(() => sumMoney([1, NaN], 'USD')).toThrow(RangeError);
  });

  it('scales by a factor exactly, half-up to the given places', () => {
    expect(scaleMoney(100_000, 1 + 0.1, 2)).toBe(110_000);
    expect(scaleMoney(187_345, 0.9, -3)).toBe(169_000);
    expect(() => scaleMoney(1, NaN, 2)).toThrow(RangeError);
  });

  it('parses decimal text exactly into the minor unit', () => {
    expect(parseMoney('123456789012.345', 'USD')).toBe(123_456_789_012.35);
    expect(parseMoney('-0.004', 'USD')).toBe(0);
    expect(parseMoney('42', 'KWD')).toBe(42);
    expect(() => parseMoney('1e3', 'USD')).toThrow(RangeError);
  });
});
