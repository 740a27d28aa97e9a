import { Type } from 'class-transformer';
import {
  Equals,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../calendar-date';
import { EMPLOYMENT_TYPES, type EmploymentType } from '../datapoints/datapoint.v1';

export const OBSERVATION_SCHEMA = 'comp.observation.v1';
const OBSERVATION_CHANGES = ['accepted', 'corrected'] as const;
const MAX_BIGINT = 9_223_372_036_854_775_807n;

const FINITE = { allowNaN: false, allowInfinity: false };

/** The conversion ingest applied: `rate` zone-currency units per unit of `from`, in force on `asOf`. */
export class ObservationFxV1 {
  @Matches(/^[A-Z]{3}$/)
  from: string;

  @IsNumber(FINITE)
  @IsPositive()
  rate: number;

  @IsCalendarDate()
  asOf: string;
}

/**
 * Ingest's hand-off on `comp.observations.v1` (key `<source>:<sourceRecordId>`): one accepted or
 * corrected observation, normalized (role, level, zone, annualized, converted to the zone's
 * currency at the observation date). A null value (tombstone) means the record was erased.
 * `revision` orders versions of one key: a consumer ignores a revision lower than one it holds.
 * Consumers re-validate every message into this class; unknown extra fields are ignored.
 */
export class ObservationV1 {
  @Equals(OBSERVATION_SCHEMA)
  schema: typeof OBSERVATION_SCHEMA;

  @IsString()
  @MinLength(3)
  key: string;

  /** A PostgreSQL bigint (ingest's sequence), as decimal text. */
  @Matches(/^\d{1,19}$/)
  @ValidateBy({
    name: 'isBigint',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT,
      defaultMessage: () => `revision must be at most ${MAX_BIGINT}`,
    },
  })
  revision: string;

  @IsIn(OBSERVATION_CHANGES)
  change: (typeof OBSERVATION_CHANGES)[number];

  @IsString()
  @MinLength(1)
  source: string;

  @IsString()
  @Length(1, 128)
  sourceRecordId: string;

  @IsCalendarDate()
  observedAt: string;

  @IsString()
  @MinLength(1)
  role: string;

  @IsString()
  @MinLength(1)
  level: string;

  @IsString()
  @MinLength(1)
  zone: string;

  @Matches(/^[A-Z]{2}$/)
  country: string;

  @IsIn(EMPLOYMENT_TYPES)
  employmentType: EmploymentType;

  @Matches(/^[A-Z]{3}$/)
  currency: string;

  @IsNumber(FINITE)
  @IsPositive()
  base: number;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  bonus: number | null;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  equity: number | null;

  @IsNumber(FINITE)
  @IsPositive()
  baseUsd: number;

  @IsObject()
  @ValidateNested()
  @Type(() => ObservationFxV1)
  fx: ObservationFxV1;

  @IsOptional()
  @IsString()
  companyId: string | null;

  @IsNumber(FINITE)
  @IsPositive()
  @Max(10)
  weight: number;
}
