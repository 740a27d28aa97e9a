import {
  annualize,
  compaRatio,
  convertMoney,
  formatBandRange,
  formatMarketPosition,
  formatMoneyExact,
  formatMoneyShort,
  marketPosition,
  offerVerdict,
  rangePenetration,
  sumMoney,
  type MarketPosition,
  type VerdictPolicy,
} from '@rangefinder/comp-math';
import type { Catalogue } from '@rangefinder/catalogue';
import {
  cellKey,
  type BandV1,
  type FieldProblem,
  type OfferVerdictCode,
} from '@rangefinder/contracts';
import type { OfferTermsDto } from './offer-terms.dto';
import { offerTermsProblems } from './offer-terms-problems';

/** The published band as an offer check uses it. */
export type CheckedBand = Pick<
  BandV1,
  | 'role'
  | 'level'
  | 'zone'
  | 'version'
  | 'effectiveFrom'
  | 'currency'
  | 'percentiles'
  | 'openEnded'
  | 'confidence'
  | 'derivedFrom'
> & { min: number; mid: number; max: number; range: string };

export interface OfferCheck {
  verdict: OfferVerdictCode;
  /** The verdict policy version the verdict was reached under. */
  policyVersion: number;
  autoApproved: boolean;
  requiredApprovals: string[];
  role: string;
  level: string;
  location: { input: string; zone: string; zoneName: string; matchedBy: string };
  band: CheckedBand | null;
  /**
   * The version of the band in force; null when none is (no version, or a withdrawal), so a
   * NO_BAND check says nothing of whether its cell has data.
   */
  publishedVersion: number | null;
  /** The offer in the band's currency (the zone's), annual. */
  pay: {
    currency: string;
    base: number;
    bonus: number;
    equity: number;
    totalCash: number;
    totalComp: number;
    fx: { from: string; rate: number; asOf: string } | null;
  };
  compaRatio: number | null;
  rangePenetration: number | null;
  marketPosition: (MarketPosition & { display: string }) | null;
  reasons: string[];
  checkedAt: string;
}

export interface CheckContext {
  catalogue: Catalogue;
  band: (cell: string) => BandV1 | undefined;
  policy: { version: number; body: VerdictPolicy };
  today: string;
}

const APPROVER_NAMES: Record<string, string> = {
  'comp-lead': 'a comp lead',
  finance: 'finance',
  'comp-analyst': 'a comp analyst',
};

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

/**
 * §3 for one offer: resolve the cell, take the published band that applies today, convert the
 * offer into the band's currency, and say in plain words what happens next. Pure apart from the
 * lookups it is given, so the check and the stored offer always agree.
 */
export function checkOffer(
  terms: OfferTermsDto,
  context: CheckContext,
): OfferCheck | FieldProblem[] {
  const { catalogue, today } = context;
  // HTTP input passed these at the edge already; a stored offer re-checked under a newer
  // catalogue (a removed role, a rate no longer in force) needs them again.
  const problems = offerTermsProblems(terms, catalogue, today);
  const role = catalogue.role(terms.role);
  const placed = catalogue.placeLocationText(terms.location);
  if (problems.length > 0 || 'problem' in placed || !role) return problems;
  const period = terms.period ?? 'year';

  const zone = placed.zone;
  const published = context.band(cellKey({ role: role.code, level: terms.level, zone: zone.code }));
  const currency = published?.currency ?? zone.currency;
  const toBand =
    terms.currency === currency ? undefined : catalogue.convert(1, terms.currency, currency, today);
  if (terms.currency !== currency && !toBand) {
    return [{ path: 'currency', problem: `has no FX rate to ${currency} on ${today}` }];
  }
  const rate = toBand?.rate ?? 1;
  // Money rule (comp-math money.ts): each amount converted exactly and rounded half-up to the
  // band currency's minor unit; the totals are exact sums of those amounts.
  const inBand = (amount: number | undefined, annual = true) =>
    convertMoney(annual ? annualize(amount ?? 0, period) : (amount ?? 0), rate, currency);
  const base = inBand(terms.base);
  const bonus = inBand(terms.bonus, false);
  const equity = inBand(terms.equity, false);
  const pay: OfferCheck['pay'] = {
    currency,
    base,
    bonus,
    equity,
    totalCash: sumMoney([base, bonus], currency),
    totalComp: sumMoney([base, bonus, equity], currency),
    fx: toBand ? { from: terms.currency, rate: toBand.rate, asOf: toBand.asOf } : null,
  };

  const band: CheckedBand | null =
    published && published.min !== null && published.mid !== null && published.max !== null
      ? {
          role: published.role,
          level: published.level,
          zone: published.zone,
          version: published.version,
          effectiveFrom: published.effectiveFrom,
          currency: published.currency,
          percentiles: published.percentiles,
          min: published.min,
          mid: published.mid,
          max: published.max,
          openEnded: published.openEnded,
          confidence: published.confidence,
          derivedFrom: published.derivedFrom,
          range: formatBandRange(
            { min: published.min, max: published.max, openEnded: published.openEnded },
            currency,
          ),
        }
      : null;
  const { verdict, requiredApprovals, autoApproved } = offerVerdict(
    base,
    band,
    context.policy.body,
  );
  const position =
    band && Object.values(band.percentiles).some((p) => p !== null)
      ? marketPosition(base, band.percentiles)
      : null;
  const check: OfferCheck = {
    verdict,
    policyVersion: context.policy.version,
    autoApproved,
    requiredApprovals: [...requiredApprovals],
    role: role.code,
    level: terms.level,
    location: {
      input: terms.location,
      zone: zone.code,
      zoneName: zone.name,
      matchedBy: placed.matchedBy,
    },
    band,
    publishedVersion: band?.version ?? null,
    pay,
    compaRatio: band ? compaRatio(base, band.mid) : null,
    rangePenetration: band ? rangePenetration(base, band.min, band.max) : null,
    marketPosition: position && { ...position, display: formatMarketPosition(position) },
    reasons: [],
    checkedAt: new Date().toISOString(),
  };
  check.reasons = explain(check, role.name, context.policy.body.farAboveMaxRatio);
  return check;
}

/** Sentences a recruiter can paste into a message. */
function explain(check: OfferCheck, roleName: string, farAboveMaxRatio: number): string[] {
  const { band, pay, verdict } = check;
  const money = (amount: number) => formatMoneyShort(amount, pay.currency);
  // Exact amounts where the verdict turns on them: "$150k" cannot show why $149,999.99 is below.
  const exact = (amount: number) => formatMoneyExact(amount, pay.currency);
  const job = `${roleName} ${check.level} in zone ${check.location.zone}`;
  const reasons: string[] = [];
  if (pay.fx) {
    reasons.push(
      `The offer is in ${pay.fx.from}; converted to ${pay.currency} at ${pay.fx.rate.toPrecision(6)} (rate of ${pay.fx.asOf}).`,
    );
  }
  const approvers = check.requiredApprovals.map((r) => APPROVER_NAMES[r] ?? r).join(' and ');
  if (!band) {
    reasons.push(
      `There is no published band for ${job}, so the offer needs approval from ${approvers}.`,
    );
    return reasons;
  }
  const where = `the ${job} band ${band.range} (version ${band.version})`;
  const limit = `${Math.round(farAboveMaxRatio * 100)} %`;
  if (verdict === 'WITHIN_BAND') {
    reasons.push(`Base ${money(pay.base)} is within ${where}: it can go out as it is.`);
  } else if (verdict === 'BELOW_BAND') {
    reasons.push(
      `Base ${exact(pay.base)} is ${pct(1 - pay.base / band.min)} below the minimum ${exact(band.min)} of ${where} (a pay-equity risk), so it needs approval from ${approvers}.`,
    );
  } else {
    const over = `${pct(pay.base / band.max - 1)} above the maximum ${exact(band.max)} of ${where}`;
    const how = band.openEnded
      ? ' (the band is open-ended above its max)'
      : verdict === 'FAR_ABOVE_BAND'
        ? `, more than the ${limit} a comp lead may approve alone`
        : `, within ${limit} of it`;
    reasons.push(
      `Base ${exact(pay.base)} is ${over}${how}, so it needs approval from ${approvers}.`,
    );
  }
  if (check.compaRatio !== null) {
    reasons.push(
      `Compa-ratio ${check.compaRatio.toFixed(2)} (midpoint ${money(band.mid)})${check.marketPosition ? `; market position P${check.marketPosition.display}` : ''}.`,
    );
  }
  if (band.derivedFrom) {
    reasons.push(
      `This band is derived from ${band.derivedFrom.key} (${band.derivedFrom.scope}), ${band.confidence ?? 'unknown'} confidence.`,
    );
  }
  return reasons;
}
