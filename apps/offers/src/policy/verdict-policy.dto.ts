import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApproverRole, VerdictPolicy } from '@rangefinder/comp-math';

const APPROVERS: ApproverRole[] = ['comp-lead', 'finance', 'comp-analyst'];

/** Which offers a recruiter reads: those they submitted, or also their team's (token `team`). */
export const OFFER_VISIBILITIES = ['own', 'team'] as const;
export type OfferVisibility = (typeof OFFER_VISIBILITIES)[number];

/** A verdict policy as stored and in force: §3's thresholds and who reads which offer. */
export interface VerdictPolicyBody extends VerdictPolicy {
  offerVisibility: OfferVisibility;
}

function ApproverList(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ enum: APPROVERS, isArray: true })(target, key);
    IsArray()(target, key);
    ArrayUnique()(target, key);
    IsIn(APPROVERS, { each: true })(target, key);
  };
}

export class ApprovalsByVerdictDto {
  @ApproverList() WITHIN_BAND!: ApproverRole[];
  @ApproverList() BELOW_BAND!: ApproverRole[];
  @ApproverList() ABOVE_BAND!: ApproverRole[];
  @ApproverList() FAR_ABOVE_BAND!: ApproverRole[];
  @ApproverList() NO_BAND!: ApproverRole[];
}

/** §3's thresholds and approvers as data (POST /v1/verdict-policies). */
export class VerdictPolicyDto implements VerdictPolicy {
  @ApiProperty({
    example: 0.1,
    description: 'Above max by more than this fraction is FAR_ABOVE_BAND',
  })
  @IsNumber()
  @Min(0)
  @Max(10)
  farAboveMaxRatio!: number;

  @ApiProperty({ type: ApprovalsByVerdictDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApprovalsByVerdictDto)
  approvals!: ApprovalsByVerdictDto;

  @ApiPropertyOptional({
    enum: OFFER_VISIBILITIES,
    default: 'own',
    description:
      "own: a recruiter reads the offers they submitted; team: also those of their token's team",
  })
  @IsOptional()
  @IsIn(OFFER_VISIBILITIES)
  offerVisibility?: OfferVisibility;
}

export interface StoredVerdictPolicy {
  version: number;
  body: VerdictPolicyBody;
  createdBy: string;
  createdAt: string;
}
