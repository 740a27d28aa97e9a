import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import type { TitleAlias, TitleAliasesFile, UnmappedTitle } from '../catalogue-snapshot';
import {
  CODE_MESSAGE,
  CODE_PATTERN,
  LEVEL_CODE_PATTERN,
  VERSION_MESSAGE,
  VERSION_PATTERN,
} from '../patterns';

export class TitleAliasSeed implements TitleAlias {
  @IsString()
  @Length(1, 200)
  title: string;

  @Matches(CODE_PATTERN, CODE_MESSAGE)
  role: string;

  @IsOptional()
  @Matches(LEVEL_CODE_PATTERN, { message: 'must be a canonical level code such as IC4 or M2' })
  level?: string;
}

export class UnmappedTitleSeed implements UnmappedTitle {
  @IsString()
  @Length(1, 200)
  title: string;

  @IsString()
  @Length(1, 300)
  reason: string;
}

/** seed/title-aliases.json */
export class TitleAliasesSeed implements TitleAliasesFile {
  @Matches(VERSION_PATTERN, VERSION_MESSAGE)
  version: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  notes?: string[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TitleAliasSeed)
  aliases: TitleAliasSeed[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => UnmappedTitleSeed)
  unmapped: UnmappedTitleSeed[];
}
