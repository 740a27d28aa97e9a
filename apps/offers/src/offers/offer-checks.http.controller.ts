import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RECRUITER_PLUS, Roles } from '@rangefinder/platform';
import { OfferTermsDto } from '../checks/offer-terms.dto';
import { CheckOffer } from './check-offer';

@ApiTags('offer checks')
@ApiBearerAuth()
@Roles(...RECRUITER_PLUS)
@Controller('v1/offer-checks')
export class OfferChecksHttpController {
  constructor(private readonly checks: CheckOffer) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Can this offer go out? Verdict, band, compa-ratio, penetration, market position, approvals; stores nothing',
  })
  check(@Body() terms: OfferTermsDto) {
    return this.checks.check(terms);
  }
}
