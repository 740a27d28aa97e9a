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
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const DATAPOINT_SCHEMA = 'comp.datapoint.v1';
export const EMPLOYMENT_TYPES = ['FT', 'PT', 'CT', 'FL'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const PAY_PERIODS = ['year', 'month', 'hour'] as const;
export type PayPeriod = (typeof PAY_PERIODS)[number];

export const SOURCE_PATTERN = /^[a-z0-9._-]{1,64}$/;
const FINITE = { allowNaN: false, allowInfinity: false };

export class DatapointLocationV1 {
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as US' })
  country: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  region?: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  city?: string;
}

/** `comp.datapoints.v1` value (DOMAIN.md §4.1). Unknown extra fields are ignored for forward compatibility. */
export class DatapointV1 {
  @Equals(DATAPOINT_SCHEMA)
  schema: typeof DATAPOINT_SCHEMA;

  @Matches(SOURCE_PATTERN, { message: 'must be 1-64 characters of a-z 0-9 . _ -' })
  source: string;

  @IsString()
  @Length(1, 128)
  sourceRecordId: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be an ISO date (YYYY-MM-DD)' })
  observedAt: string;

  @ValidateIf((o: DatapointV1) => o.title !== undefined || o.role === undefined)
  @IsString({ message: 'title or role is required; title must be a string' })
  @Length(1, 200)
  title?: string;

  @ValidateIf((o: DatapointV1) => o.role !== undefined || o.title === undefined)
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'title or role is required; role must be a role code' })
  role?: string;

  @IsString()
  @Length(1, 32)
  level: string;

  @IsObject()
  @ValidateNested()
  @Type(() => DatapointLocationV1)
  location: DatapointLocationV1;

  @IsIn(EMPLOYMENT_TYPES)
  employmentType: EmploymentType;

  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' })
  currency: string;

  @IsOptional()
  @IsIn(PAY_PERIODS)
  period?: PayPeriod;

  @IsNumber(FINITE)
  @IsPositive()
  base: number;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  bonus?: number;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  equity?: number;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  companyId?: string;

  @IsOptional()
  @IsNumber(FINITE)
  @IsPositive()
  @Max(10)
  weight?: number;
}

/** The Kafka key of a datapoint: `<source>:<sourceRecordId>`. */
export function datapointKey(source: string, sourceRecordId: string): string {
  return `${source}:${sourceRecordId}`;
}
