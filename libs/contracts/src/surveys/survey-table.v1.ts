// The decorator alone: @nestjs/swagger's entry also loads SwaggerModule and with it @nestjs/core,
// which every user of the contracts (the CLI included) would then load for nothing.
import { ApiProperty } from '@nestjs/swagger/dist/decorators/api-property.decorator';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { SOURCE_PATTERN } from '../datapoints/datapoint.v1';

export const SURVEY_PERCENTILES = ['p10', 'p25', 'p50', 'p75', 'p90'] as const;
export type SurveyPercentile = (typeof SURVEY_PERCENTILES)[number];
export const MAX_SURVEY_ROWS = 5000;
export const MAX_SURVEY_WEIGHT = 10;

const FINITE = { allowNaN: false, allowInfinity: false };
const NUMBER_OR_NULL = { message: '$property must be a number, or null when not published' };

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** The nearest published point below `property`, when it is above the value `property` holds. */
function lowerPointAbove(
  row: SurveyRowV1,
  property: string,
  value: unknown,
): { point: SurveyPercentile; amount: number } | undefined {
  if (!isAmount(value)) return undefined;
  const below = SURVEY_PERCENTILES.slice(
    0,
    SURVEY_PERCENTILES.indexOf(property as SurveyPercentile),
  );
  for (const point of below.reverse()) {
    const amount = row[point];
    if (isAmount(amount)) return amount > value ? { point, amount } : undefined;
  }
  return undefined;
}

/**
 * A published point is at least every published point below it. Checked on the higher point so
 * the problem names the field that breaks the order; unpublished points are skipped, since a
 * table may publish P10 and P50 without P25.
 */
function NotBelowLowerPercentiles(): PropertyDecorator {
  return ValidateBy({
    name: 'notBelowLowerPercentiles',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        args === undefined ||
        lowerPointAbove(args.object as SurveyRowV1, args.property, value) === undefined,
      defaultMessage: (args?: ValidationArguments) => {
        const lower =
          args && lowerPointAbove(args.object as SurveyRowV1, args.property, args.value);
        return lower
          ? `${args.property} must be at least ${lower.point} (${lower.amount}); percentiles run p10 <= p25 <= p50 <= p75 <= p90`
          : `${args?.property ?? 'percentile'} must not be below a lower percentile`;
      },
    },
  });
}

function repeatedCell(rows: unknown): string | undefined {
  if (!Array.isArray(rows)) return undefined;
  const firstRowOf = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const { role, level } = (row ?? {}) as Partial<SurveyRowV1>;
    if (typeof role !== 'string' || typeof level !== 'string') continue;
    const cell = `${role} ${level}`;
    const first = firstRowOf.get(cell);
    if (first !== undefined) return `${cell} is in rows ${first} and ${index}`;
    firstRowOf.set(cell, index);
  }
  return undefined;
}

/** Two rows for one role and level would leave the blend to guess which one the table means. */
function OneRowPerCell(): PropertyDecorator {
  return ValidateBy({
    name: 'oneRowPerCell',
    validator: {
      validate: (rows: unknown) => repeatedCell(rows) === undefined,
      defaultMessage: (args?: ValidationArguments) =>
        `rows must hold one row per role and level; ${repeatedCell(args?.value) ?? 'a cell repeats'}`,
    },
  });
}

/**
 * One occupation of an aggregated survey, mapped to one cell's role and level. Amounts are
 * annual, in the table's currency; a point the survey does not publish (or top-codes) is null.
 */
export class SurveyRowV1 {
  @ApiProperty({ example: 'data-scientist', description: 'Canonical role code (catalogue)' })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'must be a role code of 1-64 characters a-z 0-9 -' })
  role: string;

  @ApiProperty({ example: 'IC3', description: 'Canonical level code of the role’s ladder' })
  @Matches(/^[A-Z][A-Z0-9]{0,7}$/, {
    message: 'must be an upper-case level code such as IC3 or M2',
  })
  level: string;

  @ApiProperty({
    example: '15-2051',
    description: 'The survey’s own occupation code (SOC for BLS)',
  })
  @IsString()
  @Length(1, 32)
  occupationCode: string;

  @ApiProperty({ example: 'Data Scientists' })
  @IsString()
  @Length(1, 200)
  occupationTitle: string;

  @ApiProperty({
    example: 192710,
    minimum: 1,
    description: 'Respondents or employment behind the figures',
  })
  @IsInt()
  @Min(1)
  n: number;

  @ApiProperty({ type: Number, nullable: true, example: 61070 })
  @ValidateIf((row: SurveyRowV1) => row.p10 !== null)
  @IsNumber(FINITE, NUMBER_OR_NULL)
  @IsPositive()
  p10: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 79810 })
  @ValidateIf((row: SurveyRowV1) => row.p25 !== null)
  @IsNumber(FINITE, NUMBER_OR_NULL)
  @IsPositive()
  @NotBelowLowerPercentiles()
  p25: number | null;

  @ApiProperty({ example: 108020, description: 'Required: a row without a median says nothing' })
  @IsNumber(FINITE)
  @IsPositive()
  @NotBelowLowerPercentiles()
  p50: number;

  @ApiProperty({ type: Number, nullable: true, example: 147670 })
  @ValidateIf((row: SurveyRowV1) => row.p75 !== null)
  @IsNumber(FINITE, NUMBER_OR_NULL)
  @IsPositive()
  @NotBelowLowerPercentiles()
  p75: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 184090 })
  @ValidateIf((row: SurveyRowV1) => row.p90 !== null)
  @IsNumber(FINITE, NUMBER_OR_NULL)
  @IsPositive()
  @NotBelowLowerPercentiles()
  p90: number | null;
}

/**
 * `POST /v1/surveys` body: an aggregated survey table (P10-P90 per occupation) that the bands
 * service blends with record-level observations, cell by cell, by the band policy's credibility
 * (several surveys of one cell combine by their declared weights).
 */
export class SurveyTableV1 {
  @ApiProperty({ example: 'bls-oews-2023', pattern: SOURCE_PATTERN.source })
  @Matches(SOURCE_PATTERN, { message: 'must be 1-64 characters of a-z 0-9 . _ -' })
  source: string;

  @ApiProperty({ example: 'US BLS OEWS national wage percentiles, May 2023' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2 country the table describes' })
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as US' })
  country: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 currency of every amount' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' })
  currency: string;

  @ApiProperty({
    example: '2023-05-15',
    description: 'The date the figures describe; they are aged from it to a band’s effective date',
  })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'must be an ISO date (YYYY-MM-DD)',
  })
  referenceDate: string;

  @ApiProperty({
    example: 1,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_SURVEY_WEIGHT,
    description: 'Weight among the surveys of the same cell; records vs surveys: the band policy credibility K',
  })
  @IsNumber(FINITE)
  @IsPositive()
  @Max(MAX_SURVEY_WEIGHT)
  weight: number;

  @ApiProperty({ type: () => SurveyRowV1, isArray: true, minItems: 1, maxItems: MAX_SURVEY_ROWS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SURVEY_ROWS)
  @OneRowPerCell()
  @ValidateNested({ each: true })
  @Type(() => SurveyRowV1)
  rows: SurveyRowV1[];
}
