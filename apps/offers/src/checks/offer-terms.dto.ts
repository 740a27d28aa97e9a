import { IsIn, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PayPeriod } from '@rangefinder/comp-math';
import { MoneyAmount } from './money-amount';

/** What a recruiter proposes: the job, where, and the pay (§3 checks base against the band). */
/** 10¹² units: above any plausible pay in any currency (10 M USD is 2.5·10¹¹ VND). */
const MAX_AMOUNT = 1_000_000_000_000;

export class OfferTermsDto {
  @ApiProperty({ example: 'data-scientist' })
  @IsString()
  @Length(1, 64)
  role!: string;

  @ApiProperty({ example: 'IC4' })
  @IsString()
  @Length(1, 16)
  level!: string;

  @ApiProperty({
    example: 'US-CA-San Francisco',
    description: 'COUNTRY[-REGION[-City]] or a zone code',
  })
  @IsString()
  @Length(1, 200)
  location!: string;

  @ApiProperty({ example: 'USD' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency!: string;

  @ApiPropertyOptional({ enum: ['year', 'month', 'hour'], default: 'year' })
  @IsOptional()
  @IsIn(['year', 'month', 'hour'])
  period?: PayPeriod;

  // The limit that depends on the currency is the plausibility rule, in USD (10 M a year): a
  // Korean won or rupiah salary is 10⁸–10⁹ units. This cap only keeps amounts exact as doubles.
  @ApiProperty({ example: 185000 })
  @MoneyAmount()
  @Min(0.01)
  @Max(MAX_AMOUNT)
  base!: number;

  @ApiPropertyOptional({ example: 20000, description: 'Annual target bonus' })
  @IsOptional()
  @MoneyAmount()
  @Min(0)
  @Max(MAX_AMOUNT)
  bonus?: number;

  @ApiPropertyOptional({ example: 40000, description: 'Annualized equity' })
  @IsOptional()
  @MoneyAmount()
  @Min(0)
  @Max(MAX_AMOUNT)
  equity?: number;
}
