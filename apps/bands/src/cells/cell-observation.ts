import {
  IsIn,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { parseIsoDate } from '@rangefinder/comp-math';
import {
  EMPLOYMENT_TYPES,
  OBSERVATION_SCHEMA,
  fieldProblems,
  type EmploymentType,
  type FieldProblem,
  type ObservationV1,
} from '@rangefinder/contracts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The fields of ingest's hand-off (ObservationV1) a band needs, re-validated at this edge: a
 * message that does not pass is dead-lettered, never half-used.
 */
export class CellObservation {
  @IsString()
  @MinLength(3)
  key!: string;

  @Matches(/^\d+$/)
  revision!: string;

  @IsString()
  @MinLength(1)
  source!: string;

  @Matches(ISO_DATE)
  observedAt!: string;

  @IsString()
  @MinLength(1)
  role!: string;

  @IsString()
  @MinLength(1)
  level!: string;

  @IsString()
  @MinLength(1)
  zone!: string;

  @Matches(/^[A-Z]{2}$/)
  country!: string;

  @IsIn(EMPLOYMENT_TYPES)
  employmentType!: EmploymentType;

  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  base!: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  bonus!: number | null;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  equity!: number | null;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  baseUsd!: number;

  @IsOptional()
  @IsString()
  companyId!: string | null;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(10)
  weight!: number;
}

export type ReadObservation =
  | { kind: 'observation'; observation: CellObservation }
  | { kind: 'erasure'; key: string }
  | { kind: 'rejected'; message: string; fields: FieldProblem[] };

const FIELDS: (keyof CellObservation)[] = [
  'key',
  'revision',
  'source',
  'observedAt',
  'role',
  'level',
  'zone',
  'country',
  'employmentType',
  'currency',
  'base',
  'bonus',
  'equity',
  'baseUsd',
  'companyId',
  'weight',
];

/** One `comp.observations.v1` message: an observation, an erasure (tombstone), or a rejection. */
export function readObservation(key: Buffer | null, value: Buffer | null): ReadObservation {
  const textKey = key?.toString('utf8') ?? '';
  if (value === null) {
    return textKey
      ? { kind: 'erasure', key: textKey }
      : {
          kind: 'rejected',
          message: 'tombstone without a key',
          fields: [{ path: 'key', problem: 'is missing' }],
        };
  }
  let parsed: Partial<ObservationV1>;
  try {
    parsed = JSON.parse(value.toString('utf8')) as Partial<ObservationV1>;
  } catch (error) {
    return { kind: 'rejected', message: `not JSON: ${(error as Error).message}`, fields: [] };
  }
  if (parsed === null || typeof parsed !== 'object' || parsed.schema !== OBSERVATION_SCHEMA) {
    return {
      kind: 'rejected',
      message: `expected schema "${OBSERVATION_SCHEMA}"`,
      fields: [{ path: 'schema', problem: `must be "${OBSERVATION_SCHEMA}"` }],
    };
  }
  const picked = Object.fromEntries(
    FIELDS.map((field) => [field, (parsed as Record<string, unknown>)[field]]),
  );
  const observation = plainToInstance(CellObservation, picked);
  const problems = fieldProblems(validateSync(observation));
  if (observation.key !== textKey)
    problems.push({ path: 'key', problem: 'differs from the message key' });
  if (!problems.some((p) => p.path === 'observedAt') && !isCalendarDate(observation.observedAt)) {
    problems.push({ path: 'observedAt', problem: 'is not a calendar date' });
  }
  if (problems.length > 0) {
    return {
      kind: 'rejected',
      message: 'observation does not match comp.observation.v1',
      fields: problems,
    };
  }
  observation.bonus ??= null;
  observation.equity ??= null;
  observation.companyId ??= null;
  return { kind: 'observation', observation };
}
