import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import type { ApproverRole, VerdictPolicy } from '@rangefinder/comp-math';

const APPROVERS: ApproverRole[] = ['comp-lead', 'finance', 'comp-analyst'];

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
}

export interface StoredVerdictPolicy {
  version: number;
  body: VerdictPolicy;
  createdBy: string;
  createdAt: string;
}
