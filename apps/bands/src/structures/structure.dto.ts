import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StructureRounding } from '@rangefinder/comp-math';

export const STRUCTURE_ROUNDINGS: readonly StructureRounding[] = [
  'whole-dollar-half-up',
  'nearest-100',
  'nearest-1000',
];

export class StructureLevelDto {
  @ApiProperty({ example: 'IC3' })
  @IsString()
  @Length(1, 16)
  level!: string;

  @ApiProperty({ example: 120000 })
  @IsNumber()
  @IsPositive()
  min!: number;

  @ApiProperty({ example: 145000 })
  @IsNumber()
  @IsPositive()
  mid!: number;

  @ApiProperty({ example: 170000 })
  @IsNumber()
  @IsPositive()
  max!: number;
}

/** §2 structure: ranges per level in the anchor zone; every zone's range derives from them. */
export class StructureDto {
  @ApiProperty({ example: 'Engineering 2026' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: ['software-engineer'], description: 'Role codes the structure covers' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  roles!: string[];

  @ApiProperty({ example: 'USD', description: "The anchor zone's currency" })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency!: string;

  @ApiProperty({ enum: STRUCTURE_ROUNDINGS })
  @IsIn(STRUCTURE_ROUNDINGS)
  rounding!: StructureRounding;

  @ApiPropertyOptional({ example: 400000, description: 'No zone range goes above it' })
  @IsOptional()
  @IsNumber()
  @IsPositive()
  payCap?: number;

  @ApiProperty({ type: StructureLevelDto, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StructureLevelDto)
  levels!: StructureLevelDto[];
}

export interface StoredStructure {
  id: number;
  name: string;
  body: StructureDto;
  active: boolean;
  createdBy: string;
  createdAt: string;
}

/** A structure id as Postgres stores it (int4): checked at the route before any query. */
export class StructureIdParamDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  id!: number;
}
