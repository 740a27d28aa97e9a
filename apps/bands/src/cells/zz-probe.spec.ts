import { Catalogue, loadCatalogueSeed } from '@rangefinder/catalogue';
import { computeGroupDrafts } from './group-bands';
import { CellObservation, readObservation } from './cell-observation';
import { defaultPolicyBody } from '../policy/band-policy';

it('probe', async () => {
  const catalogue = new Catalogue(await loadCatalogueSeed());
  const policy = { version: 1, body: defaultPolicyBody('2025-01-01'), createdBy: 't', createdAt: 'x' };
  const mk = (zone: string, base: number, extra: Partial<CellObservation> = {}) =>
    Object.assign(new CellObservation(), { key: 'k' + Math.random(), revision: '1', source: 'test', observedAt: '2024-01-01', role: 'data-scientist', level: 'IC3', zone, country: 'US', employmentType: 'FT', currency: 'USD', base, bonus: null, equity: null, baseUsd: base, companyId: null, weight: 1, ...extra });
  const role = catalogue.role('data-scientist')!;
  const drafts = computeGroupDrafts({ role, level: 'IC3', observations: [mk('US-A', 100000), mk('US-A', 110000), mk('US-A', 120000)], policy, catalogue,
    surveys: [{ source: 'bls', country: 'US', currency: 'USD', referenceDate: '2024-01-01', weight: 2, n: 400, percentiles: { p10: 80000, p25: 95000, p50: 120000, p75: 150000, p90: 180000 } }] });
  const a = drafts.find((d) => d.zone === 'US-A')!;
  console.log(a.basis, JSON.stringify(a.provenance), JSON.stringify(a.sample));
  const msg = { schema: 'comp.observation.v1', key: 'a:1', revision: '1', source: 'a', observedAt: '2024-02-30', role: 'data-scientist', level: 'IC3', zone: 'US-A', country: 'US', employmentType: 'FT', currency: 'USD', base: 1, baseUsd: 1, weight: 1 };
  const r = readObservation(Buffer.from('a:1'), Buffer.from(JSON.stringify(msg)));
  console.log(r.kind);
  if (r.kind === 'observation') {
    try { computeGroupDrafts({ role, level: 'IC3', observations: [r.observation], policy, catalogue }); console.log('no throw'); } catch (e) { console.log('threw', (e as Error).message); }
  }
});
