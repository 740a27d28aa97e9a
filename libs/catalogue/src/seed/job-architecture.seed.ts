import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CAREER_EDGE_KINDS,
  LADDER_KINDS,
  type CareerEdge,
  type CareerEdgeKind,
  type JobArchitectureFile,
  type JobFamily,
  type Ladder,
  type LadderKind,
  type LevelDef,
  type RoleDef,
} from '../catalogue-snapshot';
import {
  CODE_MESSAGE,
  CODE_PATTERN,
  LEVEL_CODE_PATTERN,
  VERSION_MESSAGE,
  VERSION_PATTERN,
} from '../patterns';

export class JobFamilySeed implements JobFamily {
  @Matches(CODE_PATTERN, CODE_MESSAGE)
  code: string;

  @IsString()
  @Length(1, 120)
  name: string;
}

export class LevelSeed implements LevelDef {
  @Matches(LEVEL_CODE_PATTERN, { message: 'must be an upper-case level code such as IC4 or M2' })
  code: string;

  @IsString()
  @Length(1, 120)
  name: string;

  @IsInt()
  @Min(1)
  rank: number;
}

export class LadderSeed implements Ladder {
  @Matches(CODE_PATTERN, CODE_MESSAGE)
  code: string;

  @IsString()
  @Length(1, 120)
  name: string;

  @IsIn(LADDER_KINDS)
  kind: LadderKind;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LevelSeed)
  levels: LevelSeed[];
}

export class RoleSeed implements RoleDef {
  @Matches(CODE_PATTERN, CODE_MESSAGE)
  code: string;

  @IsString()
  @Length(1, 120)
  name: string;

  @Matches(CODE_PATTERN, CODE_MESSAGE)
  family: string;

  @Matches(CODE_PATTERN, CODE_MESSAGE)
  ladder: string;
}

export class CareerEdgeSeed implements CareerEdge {
  @Matches(CODE_PATTERN, CODE_MESSAGE)
  from: string;

  @Matches(CODE_PATTERN, CODE_MESSAGE)
  to: string;

  @IsIn(CAREER_EDGE_KINDS)
  kind: CareerEdgeKind;
}

/** seed/job-architecture.json */
export class JobArchitectureSeed implements JobArchitectureFile {
  @Matches(VERSION_PATTERN, VERSION_MESSAGE)
  version: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  notes?: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => JobFamilySeed)
  families: JobFamilySeed[];

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LadderSeed)
  ladders: LadderSeed[];

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RoleSeed)
  roles: RoleSeed[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CareerEdgeSeed)
  careerEdges: CareerEdgeSeed[];
}
