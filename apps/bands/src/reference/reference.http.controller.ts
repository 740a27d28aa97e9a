import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { Role, Roles } from '@rangefinder/platform';

/** The catalogue the bands are built on (edited as data with `rangefinder catalogue apply`). */
@ApiTags('reference')
@ApiBearerAuth()
@Roles(Role.CompAnalyst)
@Controller('v1')
export class ReferenceHttpController {
  constructor(private readonly catalogue: CatalogueProvider) {}

  @Get('zones')
  @ApiOperation({ summary: 'Pay zones with their differentials, currencies and location rules' })
  zones() {
    const { catalogue } = this.catalogue;
    return { anchor: catalogue.anchorZone.code, zones: catalogue.zones };
  }

  @Get('job-architecture')
  @ApiOperation({ summary: 'Job families, ladders, roles and career edges' })
  jobArchitecture() {
    const { catalogue } = this.catalogue;
    return {
      versions: catalogue.versions,
      families: catalogue.families,
      ladders: catalogue.ladders,
      roles: catalogue.roles,
      careerEdges: catalogue.careerEdges,
    };
  }
}
