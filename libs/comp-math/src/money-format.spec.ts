import fc from 'fast-check';
import { formatBandRange, formatMoneyExact, formatMoneyShort } from './money-format';

const NBSP = '\u00a0';

describe('short money', () => {
  it.each([
    [220_000, 'USD', '$220k'],
    [95_000, 'GBP', '£95k'],
    [80_000, 'EUR', '€80k'],
    [120_000, 'CHF', `CHF${NBSP}120k`],
    [220_000, 'JPY', '¥220k'],
    [220_000, 'AUD', 'A$220k'],
    [220_000, 'INR', '₹220k'],
    [220_000, 'CAD', 'CA$220k'],
    [1_500_000_000, 'INR', '₹1.5B'],
    [999_950_000, 'USD', '$1B'],
    [2_500_000_000_000, 'USD', '$2.5T'],
    [-0.4, 'USD', '$0'],
    [120_000, 'usd', '$120k'],
    [5_000_000, 'JPY', '¥5M'],
    [950, 'USD', '$950'],
    [999.4, 'USD', '$999'],
    [999.5, 'USD', '$1k'],
    [220_499, 'USD', '$220k'],
    [220_500, 'USD', '$221k'],
    [999_499, 'USD', '$999k'],
    [999_500, 'USD', '$1M'],
    [1_200_000, 'USD', '$1.2M'],
    [1_250_000, 'USD', '$1.3M'],
    [2_000_000, 'USD', '$2M'],
    [12_345_678, 'USD', '$12.3M'],
    [0, 'USD', '$0'],
    [0.4, 'USD', '$0'],
    [-5_000, 'USD', '-$5k'],
  ])('%d %s is %s', (amount, currency, expected) => {
    expect(formatMoneyShort(amount, currency)).toBe(expected);
  });

  it('rejects non-finite amounts', () => {
    expect(() => formatMoneyShort(NaN, 'USD')).toThrow(RangeError);
  });

  it('writes band ranges with an en dash and "+" when open-ended', () => {
    expect(formatBandRange({ min: 220_000, max: 350_000, openEnded: true }, 'USD')).toBe(
      '$220k–$350k+',
    );
    expect(formatBandRange({ min: 95_000, max: 130_000, openEnded: false }, 'GBP')).toBe(
      '£95k–£130k',
    );
    expect(formatBandRange({ min: 950_000, max: 1_200_000, openEnded: true }, 'CHF')).toBe(
      `CHF${NBSP}950k–CHF${NBSP}1.2M+`,
    );
  });

  it("writes the locale's symbols and compact forms", () => {
    expect(formatMoneyShort(220_000, 'EUR', 'de-DE')).toBe(`220.000${NBSP}€`);
    expect(formatMoneyShort(1_200_000, 'EUR', 'de-DE')).toBe(`1,2${NBSP}Mio.${NBSP}€`);
    expect(formatMoneyShort(220_000, 'USD', 'en-GB')).toBe('US$220k');
  });

  it('writes exact amounts in the minor unit of the currency', () => {
    expect(formatMoneyExact(149_999.99, 'USD')).toBe('$149,999.99');
    expect(formatMoneyExact(15_000_000, 'JPY')).toBe('¥15,000,000');
    expect(formatMoneyExact(1_234.567, 'KWD')).toBe(`KWD${NBSP}1,234.567`);
    expect(formatMoneyExact(1.005, 'USD')).toBe('$1.01');
  });

  it('stays within half a display unit of the amount and never shows an exponent', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e10, noNaN: true }), (amount) => {
        const shown = formatMoneyShort(amount, 'USD');
        const match = /^\$(\d+(?:\.\d)?)(k|M|B)?$/.exec(shown);
        expect(match).not.toBeNull();
        const unit = { M: 1e6, B: 1e9, k: 1e3 }[match![2] as 'M' | 'B' | 'k'] ?? 1;
        const step = unit >= 1e6 ? unit / 10 : unit;
        expect(Math.abs(Number(match![1]) * unit - amount)).toBeLessThanOrEqual(
          step / 2 + 1e-6 * amount,
        );
      }),
    );
  });
});
