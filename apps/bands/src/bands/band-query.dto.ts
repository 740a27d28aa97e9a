import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class BandQueryDto {
  @ApiPropertyOptional({ example: 'vp-engineering' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  role?: string;

  @ApiPropertyOptional({ example: 'E1' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  level?: string;

  @ApiPropertyOptional({
    example: 'US-CA-San Francisco',
    description:
      'COUNTRY[-REGION[-City]] or a zone code; with role and level, answers the one band that applies',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  location?: string;

  @ApiPropertyOptional({ example: 'US-A', description: 'Filter the list by zone code' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  zone?: string;

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
  @Matches(ISO_DATE, { message: 'asOf must be an ISO date (YYYY-MM-DD)' })
  asOf?: string;

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
