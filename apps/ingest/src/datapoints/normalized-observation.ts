import type { EmploymentType, PayPeriod } from '@rangefinder/contracts';

/** One accepted observation as ingest stores it: mapped to the catalogue, annualized, in its zone's currency. */
export interface NormalizedObservation {
  source: string;
  sourceRecordId: string;
  partition: number;
  offset: string;
  observedAt: string;
  role: string;
  level: string;
  zone: string;
  country: string;
  region: string | null;
  city: string | null;
  employmentType: EmploymentType;
  period: PayPeriod;
  originalCurrency: string;
  originalBase: number;
  /** The zone's band currency; base, bonus and equity are in it, annual. */
  currency: string;
  base: number;
  bonus: number | null;
  equity: number | null;
  baseUsd: number;
  fxRate: number;
  fxAsOf: string;
  companyId: string | null;
  weight: number;
}
