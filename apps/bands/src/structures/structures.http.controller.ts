import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Role, Roles, type AuthenticatedUser } from '@rangefinder/platform';
import { StructureDto, StructureIdParamDto } from './structure.dto';
import { StructureService } from './structure.service';

@ApiTags('structures')
@ApiBearerAuth()
@Roles(Role.CompAnalyst)
@Controller('v1/structures')
export class StructuresHttpController {
  constructor(private readonly structures: StructureService) {}

  @Get()
  list() {
    return this.structures.list();
  }

  @Post()
  @ApiOperation({
    summary:
      'Define ranges per level in the anchor zone; the covered cells draft the derived zone ranges',
  })
  create(@Body() body: StructureDto, @CurrentUser() user: AuthenticatedUser) {
    return this.structures.create(body, user.subject);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Retire a structure: its cells draft market bands again' })
  retire(@Param() { id }: StructureIdParamDto) {
    return this.structures.retire(id);
  }
}
