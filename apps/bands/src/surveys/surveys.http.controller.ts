import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SurveyTableV1 } from '@rangefinder/contracts';
import { CurrentUser, Role, Roles, type AuthenticatedUser } from '@rangefinder/platform';
import { SurveyService } from './survey.service';

@ApiTags('surveys')
@ApiBearerAuth()
@Roles(Role.CompAnalyst)
@Controller('v1/surveys')
export class SurveysHttpController {
  constructor(private readonly surveys: SurveyService) {}

  @Get()
  list() {
    return this.surveys.list();
  }

  @Post()
  @ApiOperation({
    summary: 'Load (or replace) an aggregated survey table; its cells are re-blended',
  })
  async put(@Body() body: SurveyTableV1, @CurrentUser() user: AuthenticatedUser) {
    const { survey, groups } = await this.surveys.put(body, user.subject);
    return { ...survey, groupsAffected: groups.length };
  }
}
