import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PERCENTILE_KEYS,
  type BandPolicy,
  type PercentileKey,
  type SuppressionRules,
} from '@rangefinder/comp-math';
import { EMPLOYMENT_TYPES, IsCalendarDate, type EmploymentType } from '@rangefinder/contracts';
import {
  DEFAULT_CREDIBILITY_K,
  DEFAULT_PRECEDENCE,
  SOURCE_RULES,
  type BandPolicyBody,
  type SourceRule,
} from '../cells/band-policy';

export class LadderEdgesDto implements BandPolicy {
  @ApiProperty({ enum: PERCENTILE_KEYS })
  @IsIn(PERCENTILE_KEYS)
  min!: PercentileKey;

  @ApiProperty({ enum: PERCENTILE_KEYS })
  @IsIn(PERCENTILE_KEYS)
  mid!: PercentileKey;

  @ApiProperty({ enum: PERCENTILE_KEYS })
  @IsIn(PERCENTILE_KEYS)
  max!: PercentileKey;

  @ApiProperty({ description: 'Shown with "+": the max is no ceiling' })
  @IsBoolean()
  openEnded!: boolean;
}

export class EdgesByLadderDto {
  @ApiProperty()
  @IsObject()
  @ValidateNested()
  @Type(() => LadderEdgesDto)
  'individual-contributor'!: LadderEdgesDto;

  @ApiProperty()
  @IsObject()
  @ValidateNested()
  @Type(() => LadderEdgesDto)
  management!: LadderEdgesDto;

  @ApiProperty()
  @IsObject()
  @ValidateNested()
  @Type(() => LadderEdgesDto)
  executive!: LadderEdgesDto;
}

export class AgingDto {
  @ApiProperty({ example: 0.03, description: 'Market movement a year, 0.03 = 3 %' })
  @IsNumber()
  @Min(-0.5)
  @Max(1)
  defaultRate!: number;

  @ApiPropertyOptional({ example: { engineering: 0.04 }, description: 'Rate per job family code' })
  @IsOptional()
  @IsObject()
  byFamily: Record<string, number> = {};
}

export class SuppressionDto implements SuppressionRules {
  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(1)
  @Max(1000)
  minObservations!: number;

  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(1)
  @Max(1000)
  minCompanies!: number;

  @ApiProperty({ example: 0.25 })
  @IsNumber()
  @Min(0.01)
  @Max(1)
  maxCompanyShare!: number;

  @ApiProperty({ example: 10 })
  @IsInt()
  @Min(1)
  @Max(1000)
  minObservationsForTails!: number;
}

export class CredibilityDto {
  @ApiProperty({
    example: DEFAULT_CREDIBILITY_K,
    description:
      'Records weigh Z = n / (n + K) against a survey; 0 = records only (no survey blended)',
  })
  @IsNumber()
  @Min(0)
  @Max(100000)
  k!: number;
}

/** A band policy version as the comp team writes it (POST /v1/policies). */
export class BandPolicyDto implements Omit<BandPolicyBody, 'precedence' | 'credibility'> {
  @ApiProperty({
    example: '2025-01-19',
    description:
      'Bands computed under this policy take effect on this date; market data is aged to it and the window ends on it',
  })
  @IsCalendarDate()
  effectiveDate!: string;

  @ApiProperty({ example: 24 })
  @IsInt()
  @Min(1)
  @Max(120)
  windowMonths!: number;

  @ApiProperty({ example: ['FT'], enum: EMPLOYMENT_TYPES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(EMPLOYMENT_TYPES, { each: true })
  employmentTypes!: EmploymentType[];

  @ApiProperty()
  @IsObject()
  @ValidateNested()
  @Type(() => AgingDto)
  aging!: AgingDto;

  @ApiProperty()
  @IsObject()
  @ValidateNested()
  @Type(() => EdgesByLadderDto)
  edges!: EdgesByLadderDto;

  @ApiProperty()
  @IsObject()
  @ValidateNested()
  @Type(() => SuppressionDto)
  suppression!: SuppressionDto;

  @ApiPropertyOptional({
    enum: SOURCE_RULES,
    isArray: true,
    example: DEFAULT_PRECEDENCE,
    description:
      'Order in which a cell’s basis is chosen; a rule left out is never used (default as shown)',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SOURCE_RULES, { each: true })
  precedence?: SourceRule[];

  @ApiPropertyOptional({ description: `Default { k: ${DEFAULT_CREDIBILITY_K} }` })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CredibilityDto)
  credibility?: CredibilityDto;
}
