import { Type } from 'class-transformer';
import {
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { IsCalendarDate } from '../calendar-date';

export const BAND_SCHEMA = 'comp.band.v1';
const BAND_CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
const BAND_DERIVATION_SCOPES = ['country', 'global', 'structure'] as const;

export type BandPercentiles = Record<'p10' | 'p25' | 'p50' | 'p75' | 'p90', number | null>;

/** Cell key on `comp.bands.v1`: `<role>|<level>|<zone>`. */
export function cellKey(cell: { role: string; level: string; zone: string }): string {
  return `${cell.role}|${cell.level}|${cell.zone}`;
}

/** A band figure: a finite number, or null where suppression withholds it — never absent. */
function IsFigure(): PropertyDecorator {
  return ValidateBy({
    name: 'isFigure',
    validator: {
      validate: (value: unknown) =>
        value === null || (typeof value === 'number' && Number.isFinite(value)),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'figure'} must be a number, or null when suppressed`,
    },
  });
}

export class BandPercentilesV1 implements BandPercentiles {
  @IsFigure() p10: number | null;
  @IsFigure() p25: number | null;
  @IsFigure() p50: number | null;
  @IsFigure() p75: number | null;
  @IsFigure() p90: number | null;
}

export class BandSampleV1 {
  @IsFigure()
  n: number | null;

  @IsFigure()
  companies: number | null;

  @IsArray()
  @IsString({ each: true })
  sources: string[];
}

export class BandDerivationV1 {
  @IsIn(BAND_DERIVATION_SCOPES)
  scope: (typeof BAND_DERIVATION_SCOPES)[number];

  @IsString()
  @MinLength(1)
  key: string;
}

/**
 * §4.3: one published band version. Suppressed figures are null; a band derived from a wider
 * geography names its source in `derivedFrom`. Consumers re-validate every message into this
 * class; extra fields (the bands service adds basis and provenance) are kept, not checked.
 */
export class BandV1 {
  @Equals(BAND_SCHEMA)
  schema: typeof BAND_SCHEMA;

  @IsString()
  @MinLength(1)
  role: string;

  @IsString()
  @MinLength(1)
  level: string;

  @IsString()
  @MinLength(1)
  zone: string;

  /** Stored as a PostgreSQL integer by consumers: a larger one could never be stored. */
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @IsCalendarDate()
  effectiveFrom: string;

  @Matches(/^[A-Z]{3}$/)
  currency: string;

  @IsObject()
  @ValidateNested()
  @Type(() => BandPercentilesV1)
  percentiles: BandPercentilesV1;

  @IsFigure()
  min: number | null;

  @IsFigure()
  mid: number | null;

  @IsFigure()
  max: number | null;

  @IsBoolean()
  openEnded: boolean;

  @IsFigure()
  spread: number | null;

  @IsObject()
  @ValidateNested()
  @Type(() => BandSampleV1)
  sample: BandSampleV1;

  @ValidateIf((band: BandV1) => band.confidence !== null)
  @IsIn(BAND_CONFIDENCE_LEVELS)
  confidence: (typeof BAND_CONFIDENCE_LEVELS)[number] | null;

  @ValidateIf((band: BandV1) => band.derivedFrom !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => BandDerivationV1)
  derivedFrom: BandDerivationV1 | null;

  @IsInt()
  policyVersion: number;

  @IsISO8601({ strict: true })
  publishedAt: string;

  @IsString()
  publishedBy: string;
}
