import { edgeProblems } from '@rangefinder/platform';
import { OfferTermsDto } from './offer-terms.dto';

const terms = { role: 'data-scientist', level: 'IC4', location: 'US', currency: 'USD' };

const problems = (body: unknown) => edgeProblems(OfferTermsDto, body);

describe('OfferTermsDto amounts', () => {
  it('takes as many decimals as the currency has minor units', async () => {
    expect(await problems({ ...terms, base: 150_000.12 })).toEqual([]);
    expect(await problems({ ...terms, currency: 'JPY', base: 15_000_000 })).toEqual([]);
    expect(await problems({ ...terms, currency: 'KWD', base: 30_000.125 })).toEqual([]);
  });

  it('names an amount with more decimals than its currency allows', async () => {
    expect(await problems({ ...terms, base: 150_000.123 })).toEqual([
      { path: 'base', problem: 'must be an amount in USD with at most 2 decimals' },
    ]);
    expect(await problems({ ...terms, currency: 'JPY', base: 15_000_000.5, bonus: 0.5 })).toEqual([
      { path: 'base', problem: 'must be an amount in JPY with at most 0 decimals' },
      { path: 'bonus', problem: 'must be an amount in JPY with at most 0 decimals' },
    ]);
  });

  it('answers 1e-9, NaN-like and string amounts with field problems, not a crash', async () => {
    for (const base of [1e-9, '150000', null, Number.POSITIVE_INFINITY, -1]) {
      const reported = await problems({ ...terms, base });
      expect(reported.map((p) => p.path)).toContain('base');
    }
  });
});
