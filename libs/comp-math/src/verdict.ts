import { scaleMoney } from './money';

export type OfferVerdict =
  'WITHIN_BAND' | 'BELOW_BAND' | 'ABOVE_BAND' | 'FAR_ABOVE_BAND' | 'NO_BAND';
export type ApproverRole = 'comp-lead' | 'finance' | 'comp-analyst';

export interface VerdictPolicy {
  /** Above max by more than this fraction is FAR_ABOVE_BAND (closed bands only). */
  farAboveMaxRatio: number;
  approvals: Readonly<Record<OfferVerdict, readonly ApproverRole[]>>;
}

/** §3 default policy. */
export const DEFAULT_VERDICT_POLICY: Readonly<VerdictPolicy> = {
  farAboveMaxRatio: 0.1,
  approvals: {
    WITHIN_BAND: [],
    BELOW_BAND: ['comp-lead'],
    ABOVE_BAND: ['comp-lead'],
    FAR_ABOVE_BAND: ['comp-lead', 'finance'],
    NO_BAND: ['comp-analyst'],
  },
};

export interface VerdictBand {
  min: number;
  max: number;
  openEnded: boolean;
}

export interface OfferVerdictResult {
  verdict: OfferVerdict;
  requiredApprovals: readonly ApproverRole[];
  autoApproved: boolean;
}

/**
 * §3: [min, max] inclusive is within; above max up to and including max × (1 + ratio) — rounded to
 * cents so 110,000 is exactly 10 % over 100,000 — is ABOVE_BAND, beyond it FAR_ABOVE_BAND, except
 * that an open-ended band's max is no ceiling: anything above it is ABOVE_BAND.
 */
export function offerVerdict(
  base: number,
  band: VerdictBand | null,
  policy: VerdictPolicy = DEFAULT_VERDICT_POLICY,
): OfferVerdictResult {
  if (!Number.isFinite(base)) {
    throw new RangeError(`offer base must be a finite number, got ${base}`);
  }
  const verdict = classify(base, band, policy.farAboveMaxRatio);
  const requiredApprovals = policy.approvals[verdict];
  return { verdict, requiredApprovals, autoApproved: requiredApprovals.length === 0 };
}

function classify(base: number, band: VerdictBand | null, farAboveMaxRatio: number): OfferVerdict {
  if (!band) return 'NO_BAND';
  if (base < band.min) return 'BELOW_BAND';
  if (base <= band.max) return 'WITHIN_BAND';
  if (band.openEnded) return 'ABOVE_BAND';
  return base <= scaleMoney(band.max, 1 + farAboveMaxRatio, 2) ? 'ABOVE_BAND' : 'FAR_ABOVE_BAND';
}
