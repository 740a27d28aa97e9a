import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Role, Roles, type AuthenticatedUser } from '@rangefinder/platform';
import { BandPolicyDto } from './band-policy.dto';
import { PolicyService } from './policy.service';

@ApiTags('policy')
@ApiBearerAuth()
@Roles(Role.CompAnalyst)
@Controller('v1/policies')
export class PoliciesHttpController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: 'Every policy version, newest first; the first is in force' })
  list() {
    return this.policies.list();
  }

  @Get('current')
  current() {
    return this.policies.current;
  }

  @Post()
  @ApiOperation({ summary: 'A new policy version; every draft is recomputed under it' })
  create(@Body() body: BandPolicyDto, @CurrentUser() user: AuthenticatedUser) {
    return this.policies.create(body, user.subject);
  }
}
