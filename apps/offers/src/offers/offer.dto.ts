import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OfferTermsDto } from '../checks/offer-terms.dto';

/** The ATS's offer ids and ours (UUIDs): checked at the route before any query. */
const OFFER_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const OFFER_ID_RULE = 'must be 1-128 of A-Z a-z 0-9 . _ : -';

export class OfferIdParamDto {
  @Matches(OFFER_ID, { message: `id ${OFFER_ID_RULE}` })
  id!: string;
}

export class SubmitOfferDto extends OfferTermsDto {
  @ApiPropertyOptional({
    example: 'ats-48213',
    description: "The ATS's offer id; submitting it again returns the same offer (idempotent)",
  })
  @IsOptional()
  @Matches(OFFER_ID, { message: `offerId ${OFFER_ID_RULE}` })
  offerId?: string;

  @ApiProperty({ example: 'REQ-1042' })
  @IsString()
  @Length(1, 128)
  requisitionId!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ example: 'Approved: scarce skills, competing offer' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class OfferListQueryDto {
  @ApiPropertyOptional({ enum: ['auto-approved', 'pending-approval', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['auto-approved', 'pending-approval', 'approved', 'rejected'])
  status?: string;

  @ApiPropertyOptional({ description: 'Only offers waiting longer than the approval SLA' })
  @IsOptional()
  @IsIn(['true', 'false'])
  escalated?: 'true' | 'false';
}
