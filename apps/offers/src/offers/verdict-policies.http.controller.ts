import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Role, Roles, type AuthenticatedUser } from '@rangefinder/platform';
import { VerdictPolicyDto } from '../policy/verdict-policy.dto';
import { VerdictPolicyService } from '../policy/verdict-policy.service';
import { RecheckOffers } from './recheck-offers';

@ApiTags('verdict policy')
@ApiBearerAuth()
@Roles(Role.CompAnalyst)
@Controller('v1/verdict-policies')
export class VerdictPoliciesHttpController {
  constructor(
    private readonly policies: VerdictPolicyService,
    private readonly offers: RecheckOffers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every verdict policy version, newest (in force) first' })
  list() {
    return this.policies.list();
  }

  @Post()
  @ApiOperation({ summary: 'A new verdict policy version; waiting offers are re-checked under it' })
  async create(@Body() body: VerdictPolicyDto, @CurrentUser() user: AuthenticatedUser) {
    const policy = await this.policies.create(body, user.subject);
    await this.offers.recheckAllWaiting();
    return policy;
  }
}
