import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import type { LevelCrosswalk, LevelCrosswalksFile } from '../catalogue-snapshot';
import {
  CODE_MESSAGE,
  CODE_PATTERN,
  LEVEL_CODE_PATTERN,
  SOURCE_PATTERN,
  VERSION_MESSAGE,
  VERSION_PATTERN,
} from '../patterns';

export class LevelCrosswalkSeed implements LevelCrosswalk {
  @Matches(SOURCE_PATTERN, {
    message: 'must be a datapoint source: 1-64 characters of a-z 0-9 . _ -',
  })
  source: string;

  @IsString()
  @Length(1, 32)
  sourceLevel: string;

  @Matches(CODE_PATTERN, CODE_MESSAGE)
  ladder: string;

  @Matches(LEVEL_CODE_PATTERN, { message: 'must be a canonical level code such as IC4 or M2' })
  level: string;
}

/** seed/level-crosswalks.json */
export class LevelCrosswalksSeed implements LevelCrosswalksFile {
  @Matches(VERSION_PATTERN, VERSION_MESSAGE)
  version: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  notes?: string[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LevelCrosswalkSeed)
  crosswalks: LevelCrosswalkSeed[];
}
