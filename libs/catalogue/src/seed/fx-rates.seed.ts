import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  Equals,
  IsArray,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { FxRate, FxRatesFile } from '../catalogue-snapshot';
import {
  CURRENCY_PATTERN,
  ISO_DATE_PATTERN,
  VERSION_MESSAGE,
  VERSION_PATTERN,
} from './seed-patterns';

export class FxRateSeed implements FxRate {
  @Matches(CURRENCY_PATTERN, { message: 'must be an ISO 4217 code such as EUR' })
  currency: string;

  @Matches(ISO_DATE_PATTERN, { message: 'must be an ISO date (YYYY-MM-DD)' })
  effectiveFrom: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  usdPerUnit: number;

  @IsString()
  @Length(1, 200)
  source: string;
}

/** seed/fx-rates.json */
export class FxRatesSeed implements FxRatesFile {
  @Matches(VERSION_PATTERN, VERSION_MESSAGE)
  version: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  notes?: string[];

  @Equals('USD', { message: 'must be USD: rates are US dollars per unit' })
  base: 'USD';

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FxRateSeed)
  rates: FxRateSeed[];
}
