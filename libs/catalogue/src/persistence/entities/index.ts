import { CareerEdgeEntity } from './career-edge.entity';
import { CatalogueRevisionEntity } from './catalogue-revision.entity';
import { JobFamilyEntity } from './job-family.entity';
import { LadderEntity } from './ladder.entity';
import { LevelCrosswalkEntity } from './level-crosswalk.entity';
import { LevelEntity } from './level.entity';
import { PayZoneEntity } from './pay-zone.entity';
import { RoleEntity } from './role.entity';
import { SubdivisionEntity } from './subdivision.entity';
import { TitleAliasEntity } from './title-alias.entity';
import { UnmappedTitleEntity } from './unmapped-title.entity';
import { ZoneRuleEntity } from './zone-rule.entity';

export {
  CareerEdgeEntity,
  CatalogueRevisionEntity,
  JobFamilyEntity,
  LadderEntity,
  LevelCrosswalkEntity,
  LevelEntity,
  PayZoneEntity,
  RoleEntity,
  SubdivisionEntity,
  TitleAliasEntity,
  UnmappedTitleEntity,
  ZoneRuleEntity,
};
export type { CatalogueNotes } from './catalogue-revision.entity';

/** Every entity of the `catalogue` schema, for a service's data source. */
export const CATALOGUE_ENTITIES = [
  JobFamilyEntity,
  LadderEntity,
  LevelEntity,
  RoleEntity,
  CareerEdgeEntity,
  TitleAliasEntity,
  UnmappedTitleEntity,
  LevelCrosswalkEntity,
  SubdivisionEntity,
  PayZoneEntity,
  ZoneRuleEntity,
  CatalogueRevisionEntity,
];
