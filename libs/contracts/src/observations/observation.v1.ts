import type { EmploymentType } from '../datapoints/datapoint.v1';

export const OBSERVATION_SCHEMA = 'comp.observation.v1';

/**
 * Ingest's hand-off on `comp.observations.v1` (key `<source>:<sourceRecordId>`): one accepted or
 * corrected observation, normalized (role, level, zone, annualized, converted to the zone's
 * currency at the observation date). A null value (tombstone) means the record was erased.
 * `revision` orders versions of one key: a consumer ignores a revision lower than one it holds.
 */
export interface ObservationV1 {
  schema: typeof OBSERVATION_SCHEMA;
  key: string;
  revision: string;
  change: 'accepted' | 'corrected';
  source: string;
  sourceRecordId: string;
  observedAt: string;
  role: string;
  level: string;
  zone: string;
  country: string;
  employmentType: EmploymentType;
  currency: string;
  base: number;
  bonus: number | null;
  equity: number | null;
  baseUsd: number;
  fx: { from: string; rate: number; asOf: string };
  companyId: string | null;
  weight: number;
}
