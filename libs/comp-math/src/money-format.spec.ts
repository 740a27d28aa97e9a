import fc from 'fast-check';
import { formatBandRange, formatMoneyShort } from './money-format';

describe('short money', () => {
  it.each([
    [220_000, 'USD', '$220k'],
    [95_000, 'GBP', '£95k'],
    [80_000, 'EUR', '€80k'],
    [120_000, 'CHF', 'CHF 120k'],
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
      'CHF 950k–CHF 1.2M+',
    );
  });

  it('stays within half a display unit of the amount and never shows an exponent', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e10, noNaN: true }), (amount) => {
        const shown = formatMoneyShort(amount, 'USD');
        const match = /^\$(\d+(?:\.\d)?)(k|M)?$/.exec(shown);
        expect(match).not.toBeNull();
        const unit = match![2] === 'M' ? 1e6 : match![2] === 'k' ? 1e3 : 1;
        const step = match![2] === 'M' ? 1e5 : unit;
        expect(Math.abs(Number(match![1]) * unit - amount)).toBeLessThanOrEqual(
          step / 2 + 1e-6 * amount,
        );
      }),
    );
  });
});
