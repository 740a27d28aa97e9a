import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  ValidateNested,
  IsPositive,
} from 'class-validator';
import type { PayZone, PayZonesFile, Subdivision, ZoneRule } from '../catalogue-snapshot';
import {
  COUNTRY_PATTERN,
  CURRENCY_PATTERN,
  VERSION_MESSAGE,
  VERSION_PATTERN,
  ZONE_CODE_PATTERN,
} from '../patterns';

const COUNTRY_MESSAGE = { message: 'must be an ISO 3166-1 alpha-2 code such as US' };
const ZONE_CODE_MESSAGE = {
  message: 'must be a zone code starting with its country, such as US-A or GB-London',
};

export class ZoneRuleSeed implements ZoneRule {
  @Matches(COUNTRY_PATTERN, COUNTRY_MESSAGE)
  country: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  region?: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  city?: string;
}

export class PayZoneSeed implements PayZone {
  @Matches(ZONE_CODE_PATTERN, ZONE_CODE_MESSAGE)
  code: string;

  @IsString()
  @Length(1, 160)
  name: string;

  @Matches(COUNTRY_PATTERN, COUNTRY_MESSAGE)
  country: string;

  @Matches(CURRENCY_PATTERN, { message: 'must be an ISO 4217 code such as USD' })
  currency: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  currencyReason?: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(5)
  differential: number;

  @IsBoolean()
  catchAll: boolean;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ZoneRuleSeed)
  rules: ZoneRuleSeed[];
}

export class SubdivisionSeed implements Subdivision {
  @Matches(COUNTRY_PATTERN, COUNTRY_MESSAGE)
  country: string;

  @Matches(/^[A-Z0-9]{1,3}$/, {
    message: 'must be an ISO 3166-2 subdivision code without the country prefix, such as CA',
  })
  code: string;

  @IsString()
  @Length(1, 120)
  name: string;
}

/** seed/pay-zones.json */
export class PayZonesSeed implements PayZonesFile {
  @Matches(VERSION_PATTERN, VERSION_MESSAGE)
  version: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  notes?: string[];

  @Matches(ZONE_CODE_PATTERN, ZONE_CODE_MESSAGE)
  anchor: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SubdivisionSeed)
  subdivisions: SubdivisionSeed[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PayZoneSeed)
  zones: PayZoneSeed[];
}
