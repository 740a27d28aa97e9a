import { annualize, convertMoney, implausiblePay } from '@rangefinder/comp-math';
import type { Catalogue } from '@rangefinder/catalogue';
import { RejectionCode, type DatapointV1, type RejectionReason } from '@rangefinder/contracts';
import { rejection } from './datapoint-reader';
import type { NormalizedObservation } from './normalized-observation';

export const EARLIEST_OBSERVATION = '2000-01-01';

export type NormalizeResult =
  | { kind: 'accepted'; observation: NormalizedObservation }
  | { kind: 'rejected'; reason: RejectionReason };

export interface MessagePosition {
  partition: number;
  offset: string;
}

const reject = (
  code: RejectionCode,
  message: string,
  path: string,
  problem: string,
): NormalizeResult => ({
  kind: 'rejected',
  reason: rejection(code, message, [{ path, problem }]),
});

const calendarDates = new Map<string, boolean>();

/** Memoized: a stream holds few distinct dates, and Date parsing is a hot-path cost. */
function isCalendarDate(iso: string): boolean {
  let valid = calendarDates.get(iso);
  if (valid === undefined) {
    const date = new Date(`${iso}T00:00:00Z`);
    valid = !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso);
    if (calendarDates.size > 100_000) calendarDates.clear();
    calendarDates.set(iso, valid);
  }
  return valid;
}

/**
 * §2 normalization of a valid datapoint: title/role through aliases, level through crosswalks,
 * location to its pay zone, base annualized, amounts converted to the zone's currency at the rate
 * in force on the observation date. `today` is the UTC date (YYYY-MM-DD) future dates are judged by.
 */
export function normalizeDatapoint(
  datapoint: DatapointV1,
  position: MessagePosition,
  catalogue: Catalogue,
  today: string,
): NormalizeResult {
  const { observedAt } = datapoint;
  if (!isCalendarDate(observedAt)) {
    return reject(
      RejectionCode.SchemaViolation,
      `observedAt ${observedAt} is not a calendar date`,
      'observedAt',
      'is not a calendar date',
    );
  }
  if (observedAt < EARLIEST_OBSERVATION || observedAt > today) {
    return reject(
      RejectionCode.OutOfRange,
      `observedAt ${observedAt} must lie between ${EARLIEST_OBSERVATION} and today (${today})`,
      'observedAt',
      observedAt > today ? 'is in the future' : `is before ${EARLIEST_OBSERVATION}`,
    );
  }

  // An explicit canonical level wins, then a level the title fixes, then the source's crosswalk.
  const job = catalogue.resolveJob({
    source: datapoint.source,
    title: datapoint.title,
    role: datapoint.role,
    level: datapoint.level,
  });
  if (!job) {
    const path = datapoint.role !== undefined && datapoint.title === undefined ? 'role' : 'title';
    const raw = path === 'role' ? datapoint.role : datapoint.title;
    return reject(
      RejectionCode.UnmappedRole,
      `no role or title alias matches "${raw}"`,
      path,
      'is not a known role or title alias',
    );
  }
  const level = job.level;
  if (!level) {
    return reject(
      RejectionCode.UnmappedLevel,
      `level "${datapoint.level}" of source ${datapoint.source} has no crosswalk to the ${job.role.ladder} ladder of ${job.role.code}`,
      'level',
      'is not a canonical level or a crosswalked source level',
    );
  }
  const { country, region, city } = datapoint.location;
  const zone = catalogue.resolveZone({ country, region, city });
  if (!zone) {
    return reject(
      RejectionCode.UnknownLocation,
      `no pay zone covers ${[country, region, city].filter(Boolean).join('-')}`,
      'location',
      'resolves to no pay zone',
    );
  }

  const usd = catalogue.fxUsdPerUnit(datapoint.currency, observedAt);
  const toZone = catalogue.convert(1, datapoint.currency, zone.currency, observedAt);
  if (!usd || !toZone) {
    return reject(
      RejectionCode.UnknownCurrency,
      `no FX rate for ${datapoint.currency}${usd ? ` to ${zone.currency}` : ''} in force on ${observedAt}`,
      'currency',
      'has no FX rate in force on observedAt',
    );
  }

  const period = datapoint.period ?? 'year';
  const annualBase = annualize(datapoint.base, period);
  const [implausible] = implausiblePay(
    { base: annualBase, bonus: datapoint.bonus, equity: datapoint.equity },
    usd.rate,
  );
  if (implausible) {
    return reject(
      RejectionCode.OutOfRange,
      implausible.message,
      implausible.field,
      implausible.problem,
    );
  }

  // Money rule (comp-math money.ts): each amount converted exactly, rounded half-up once to the
  // zone currency's minor unit; the USD base to the cent.
  const inZone = (amount: number) => convertMoney(amount, toZone.rate, zone.currency);
  return {
    kind: 'accepted',
    observation: {
      source: datapoint.source,
      sourceRecordId: datapoint.sourceRecordId,
      partition: position.partition,
      offset: position.offset,
      observedAt,
      role: job.role.code,
      level,
      zone: zone.code,
      country,
      region: region ?? null,
      city: city ?? null,
      employmentType: datapoint.employmentType,
      period,
      originalCurrency: datapoint.currency,
      originalBase: datapoint.base,
      currency: zone.currency,
      base: inZone(annualBase),
      bonus: datapoint.bonus == null ? null : inZone(datapoint.bonus),
      equity: datapoint.equity == null ? null : inZone(datapoint.equity),
      baseUsd: convertMoney(annualBase, usd.rate, 'USD'),
      fxRate: toZone.rate,
      fxAsOf: toZone.asOf,
      companyId: datapoint.companyId ?? null,
      weight: datapoint.weight ?? 1,
    },
  };
}
