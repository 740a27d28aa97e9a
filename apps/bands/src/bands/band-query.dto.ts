import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@rangefinder/contracts';

/** role, level, zone: the filter every cell listing takes. */
export class CellFilterDto {
  @ApiPropertyOptional({ example: 'data-scientist' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  role?: string;

  @ApiPropertyOptional({ example: 'IC4' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  level?: string;

  @ApiPropertyOptional({ example: 'US-A', description: 'Zone code' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  zone?: string;
}

/** A cell filter with a page: every listing is paginated the same way. */
export class PagedCellFilterDto extends CellFilterDto {
  @ApiPropertyOptional({ example: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ example: 50, default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}

export class BandQueryDto extends PagedCellFilterDto {
  @ApiPropertyOptional({
    example: 'US-CA-San Francisco',
    description:
      'COUNTRY[-REGION[-City]] or a zone code; with role and level, answers the one band that applies',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  location?: string;

  @ApiPropertyOptional({ example: 'engineering', description: 'Filter the list by job family' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  family?: string;

  @ApiPropertyOptional({
    example: '2025-03-01',
    description: 'The band that applied on this date (default today)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class CellPathDto {
  @IsString()
  @Length(1, 64)
  role!: string;

  @IsString()
  @Length(1, 16)
  level!: string;

  @IsString()
  @Length(1, 32)
  zone!: string;
}
