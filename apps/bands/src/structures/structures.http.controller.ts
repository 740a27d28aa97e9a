import { Body, Controller, Delete, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Role, Roles, type AuthenticatedUser } from '@rangefinder/platform';
import { DraftBook } from '../drafts/draft-book';
import { StructureDto } from './structure.dto';
import { StructureService } from './structure.service';

@ApiTags('structures')
@ApiBearerAuth()
@Roles(Role.CompAnalyst)
@Controller('v1/structures')
export class StructuresHttpController {
  constructor(
    private readonly structures: StructureService,
    private readonly drafts: DraftBook,
  ) {}

  @Get()
  list() {
    return this.structures.list();
  }

  @Post()
  @ApiOperation({
    summary:
      'Define ranges per level in the anchor zone; the covered cells draft the derived zone ranges',
  })
  async create(@Body() body: StructureDto, @CurrentUser() user: AuthenticatedUser) {
    const structure = await this.structures.create(body, user.subject);
    await this.drafts.refresh(this.structures.groupsOf(body));
    return structure;
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Retire a structure: its cells draft market bands again' })
  async retire(@Param('id', ParseIntPipe) id: number) {
    const structure = await this.structures.retire(id);
    await this.drafts.refresh();
    return structure;
  }
}
