import type { ObservationV1 } from '@rangefinder/contracts';

/** The fields of ingest's hand-off (a validated ObservationV1) that a band needs. */
export type CellObservation = Pick<
  ObservationV1,
  | 'key'
  | 'revision'
  | 'source'
  | 'observedAt'
  | 'role'
  | 'level'
  | 'zone'
  | 'country'
  | 'employmentType'
  | 'currency'
  | 'base'
  | 'bonus'
  | 'equity'
  | 'baseUsd'
  | 'companyId'
  | 'weight'
>;
