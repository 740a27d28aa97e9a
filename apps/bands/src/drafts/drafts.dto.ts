import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

export class DraftFilterDto {
  @ApiPropertyOptional({ example: 'data-scientist' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  role?: string;

  @ApiPropertyOptional({ example: 'IC3' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  level?: string;

  @ApiPropertyOptional({ example: 'US' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  zone?: string;
}

export class DraftQueryDto extends DraftFilterDto {
  @ApiPropertyOptional({ enum: ['new', 'changed', 'unchanged'] })
  @IsOptional()
  @IsIn(['new', 'changed', 'unchanged'])
  change?: 'new' | 'changed' | 'unchanged';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
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
}
