import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CellFilterDto, PagedCellFilterDto } from './band-query.dto';

export class DraftFilterDto extends CellFilterDto {}

export class DraftQueryDto extends PagedCellFilterDto {
  @ApiPropertyOptional({ enum: ['new', 'changed', 'unchanged'] })
  @IsOptional()
  @IsIn(['new', 'changed', 'unchanged'])
  change?: 'new' | 'changed' | 'unchanged';
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
