import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COHERENCE_KINDS, type CoherenceKind } from '../cells/coherence-flag';
import { DRAFT_CHANGES, type DraftChange } from '../publishing/publication-plan';
import { CellFilterDto, PagedCellFilterDto } from './band-query.dto';

export class DraftFilterDto extends CellFilterDto {}

export class DraftQueryDto extends PagedCellFilterDto {
  @ApiPropertyOptional({ enum: DRAFT_CHANGES })
  @IsOptional()
  @IsIn(DRAFT_CHANGES)
  change?: DraftChange;

  @ApiPropertyOptional({
    enum: [...COHERENCE_KINDS, 'any'],
    description: 'Only drafts with a coherence flag of this kind (any: with any flag)',
  })
  @IsOptional()
  @IsIn([...COHERENCE_KINDS, 'any'])
  flag?: CoherenceKind | 'any';
}

/** Publish a flagged draft anyway: the analyst's reason is recorded in the version. */
export class CoherenceOverrideDto {
  @ApiProperty({ example: 'software-engineer|IC4|DE' })
  @IsString()
  @MaxLength(200)
  cell!: string;

  @ApiProperty({ example: 'IC3 DE is derived from the global pool; IC4 DE has 18 own records' })
  @IsString()
  @Length(10, 1000)
  reason!: string;
}

/** Publish one or more cells, the drafts a filter selects, or (with neither) every draft. */
export class PublishDto {
  @ApiPropertyOptional({
    example: ['vp-engineering|E1|US-A'],
    description: 'Cell keys role|level|zone',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100000)
  @IsString({ each: true })
  cells?: string[];

  @ApiPropertyOptional({ type: DraftFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DraftFilterDto)
  filter?: DraftFilterDto;

  @ApiPropertyOptional({
    example: '2025-01-19',
    description: "Default: the policy's effective date",
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be an ISO date (YYYY-MM-DD)' })
  effectiveFrom?: string;

  @ApiPropertyOptional({ type: [CoherenceOverrideDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100000)
  @ValidateNested({ each: true })
  @Type(() => CoherenceOverrideDto)
  overrides?: CoherenceOverrideDto[];
}
