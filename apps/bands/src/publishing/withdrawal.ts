import type { StoredPolicy } from '../cells/band-policy';
import { NO_PERCENTILES } from '../cells/cell-draft';
import type { PublicBand } from './published-band';

/**
 * The version that ends a band in force whose cell can no longer publish one: its figures are
 * suppressed now, or its records are gone. It holds nothing of the cell's data — no sample, no
 * sources, no ages, no reasons — so the withdrawal of a suppressed cell and of an emptied one are
 * the same, and from its effective date the cell answers as one that never had data.
 */
export function withdrawalOf(band: PublicBand, policy: StoredPolicy): PublicBand {
  const { key, role, level, zone, currency, provenance } = band;
  return {
    key,
    role,
    level,
    zone,
    currency,
    basis: 'withdrawn',
    percentiles: NO_PERCENTILES,
    min: null,
    mid: null,
    max: null,
    openEnded: false,
    spread: null,
    components: { bonus: null, equity: null },
    sample: { n: null, companies: null, sources: [] },
    confidence: null,
    derivedFrom: null,
    provenance: {
      policyVersion: policy.version,
      effectiveDate: policy.body.effectiveDate,
      window: provenance.window,
      aging: { annualRate: provenance.aging.annualRate, medianMonths: null },
      employmentTypes: [...policy.body.employmentTypes],
      sources: [],
      structure: null,
      selection: {
        order: [...policy.body.precedence],
        rule: null,
        passedOver: [],
        credibility: null,
      },
    },
  };
}
