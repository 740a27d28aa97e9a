import { parseEcbHistory, parseFxFile, parsePlainRates } from './fx-file-formats';

const ECB = [
  'Date,USD,JPY,CHF,RUB,',
  '2024-03-08,1.0932,160.99,0.9588,N/A,',
  '2022-03-01,1.1162,128.4,1.0269,117.2010,',
].join('\n');

describe('FX file formats', () => {
  it('reads the ECB history as US dollars per unit, EUR included, N/A skipped', () => {
    const { rates, problems } = parseEcbHistory(`\uFEFF${ECB}`);
    expect(problems).toEqual([]);
    expect(rates.filter((r) => r.effectiveFrom === '2024-03-08')).toEqual([
      { currency: 'EUR', effectiveFrom: '2024-03-08', usdPerUnit: 1.0932 },
      {
        currency: 'JPY',
        effectiveFrom: '2024-03-08',
        usdPerUnit: Number((1.0932 / 160.99).toPrecision(12)),
      },
      {
        currency: 'CHF',
        effectiveFrom: '2024-03-08',
        usdPerUnit: Number((1.0932 / 0.9588).toPrecision(12)),
      },
    ]);
    expect(rates.filter((r) => r.currency === 'RUB').map((r) => r.effectiveFrom)).toEqual([
      '2022-03-01',
    ]);
  });

  it('names the line and column of every bad ECB value', () => {
    const { problems } = parseEcbHistory(
      ['Date,USD,JPY,', '2024-02-30,1.09,160,', '2024-03-01,,160,', '2024-03-04,1.09,-3,'].join(
        '\n',
      ),
    );
    expect(problems).toEqual([
      'line 2, Date: "2024-02-30" is not a calendar date (YYYY-MM-DD)',
      'line 3, USD: "" is not a rate > 0',
      'line 4, JPY: "-3" is not a rate > 0 or N/A',
    ]);
    expect(parseEcbHistory('when,what\n').problems).toEqual([
      'line 1: not the ECB layout (Date, USD, … columns)',
    ]);
  });

  it('reads date,currency,usdPerUnit and refuses USD rows, bad codes and bad numbers', () => {
    expect(parsePlainRates('date,currency,usdPerUnit\n2021-01-01,CLP,0.00131704\n')).toEqual({
      rates: [{ currency: 'CLP', effectiveFrom: '2021-01-01', usdPerUnit: 0.00131704 }],
      problems: [],
    });
    expect(
      parsePlainRates(
        'date,currency,usdPerUnit\n2021-01-01,USD,1\n2021-01-01,chf,1.1\n2021-01-01,CHF,1e3\n',
      ).problems,
    ).toEqual([
      'line 2, currency: USD is the base (1 by definition), not a rate',
      'line 3, currency: "chf" is not an ISO 4217 code',
      'line 4, usdPerUnit: "1e3" is not a decimal number > 0',
    ]);
    expect(parsePlainRates('day,code,rate\n').problems).toEqual([
      'line 1: the header must be date,currency,usdPerUnit',
    ]);
  });

  it('refuses two rates for one currency and date', () => {
    const text = 'date,currency,usdPerUnit\n2021-01-01,CHF,1.1\n2021-01-01,CHF,1.2\n';
    expect(parseFxFile('csv', text).problems).toEqual([
      'CHF 2021-01-01: more than one rate for this currency and date',
    ]);
  });
});
