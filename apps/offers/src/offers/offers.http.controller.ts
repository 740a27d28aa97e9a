import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CurrentUser,
  invalidFields,
  OFFER_APPROVERS,
  RECRUITER_PLUS,
  Role,
  Roles,
  type AuthenticatedUser,
} from '@rangefinder/platform';
import { DecisionDto, OfferIdParamDto, OfferListQueryDto, SubmitOfferDto } from './offer.dto';
import { DecideOffer } from './decide-offer';
import { ReadOffers } from './read-offers';
import { SubmitOffer } from './submit-offer';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

@ApiTags('offers')
@ApiBearerAuth()
@Controller('v1/offers')
export class OffersHttpController {
  constructor(
    private readonly submissions: SubmitOffer,
    private readonly offers: ReadOffers,
    private readonly decisions: DecideOffer,
  ) {}

  @Post()
  @Roles(Role.Recruiter)
  @ApiOperation({
    summary: 'Submit an offer: 201 when created, 200 when the same offer was already submitted',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async submit(
    @Body() body: SubmitOfferDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalidFields([
        { path: 'Idempotency-Key', problem: 'must be 1-128 of A-Z a-z 0-9 . _ : -' },
      ]);
    }
    const { created, offer } = await this.submissions.submit(body, key, user);
    response.status(created ? 201 : 200);
    return offer;
  }

  @Get()
  @Roles(...RECRUITER_PLUS)
  @ApiOperation({
    summary: 'Offers by status (newest 1,000), e.g. the approvers’ queue with escalations',
  })
  list(@Query() q: OfferListQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.offers.list(q.status, q.escalated === 'true', user);
  }

  @Get(':id')
  @Roles(...RECRUITER_PLUS)
  @ApiOperation({ summary: 'An offer with its check, approvals, SLA and audit trail' })
  get(@Param() { id }: OfferIdParamDto, @CurrentUser() user: AuthenticatedUser) {
    return this.offers.get(id, user);
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Roles(...OFFER_APPROVERS)
  @ApiOperation({ summary: 'Approve or reject, as one of the roles the verdict requires' })
  decide(
    @Param() { id }: OfferIdParamDto,
    @Body() body: DecisionDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.decisions.decide(id, body, user);
  }
}
