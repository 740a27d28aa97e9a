import { Module, type DynamicModule } from '@nestjs/common';
import type { KafkaBatchServer } from '@rangefinder/messaging';
import type { AuthEnv } from '@rangefinder/platform';
import { serviceModule } from '@rangefinder/service';
import { BandQueryChecks } from './bands/band-query.checks';
import { BandsHttpController } from './bands/bands.http.controller';
import { DraftsHttpController } from './bands/drafts.http.controller';
import { BandsEnv } from './bands.env';
import { DraftBook } from './drafts/draft-book';
import { BandsMetrics } from './metrics/bands.metrics';
import { BANDS_SCHEMA, ObservationStore } from './observations/observation.store';
import { ObservationsMessageController } from './observations/observations.message.controller';
import { BandPolicyChecks } from './policy/band-policy.checks';
import { PoliciesHttpController } from './policy/policies.http.controller';
import { PolicyService } from './policy/policy.service';
import { PublishService } from './publishing/publish.service';
import { PublishedBands } from './publishing/published-bands';
import { ReferenceHttpController } from './reference/reference.http.controller';
import { StructureChecks } from './structures/structure.checks';
import { StructureService } from './structures/structure.service';
import { StructuresHttpController } from './structures/structures.http.controller';
import { SurveyChecks } from './surveys/survey.checks';
import { SurveyService } from './surveys/survey.service';
import { SurveysHttpController } from './surveys/surveys.http.controller';

@Module({})
export class BandsModule {
  static register(env: BandsEnv, auth: AuthEnv, consumer: KafkaBatchServer): DynamicModule {
    return {
      module: BandsModule,
      ...serviceModule(
        env,
        auth,
        consumer,
        {
          name: 'bands',
          schema: BANDS_SCHEMA,
          poolSize: 8,
        },
        {
          controllers: [
            ObservationsMessageController,
            BandsHttpController,
            DraftsHttpController,
            PoliciesHttpController,
            StructuresHttpController,
            SurveysHttpController,
            ReferenceHttpController,
          ],
          providers: [
            { provide: BandsEnv, useValue: env },
            BandsMetrics,
            ObservationStore,
            PolicyService,
            StructureService,
            SurveyService,
            DraftBook,
            PublishedBands,
            PublishService,
          ],
          inputChecks: [BandQueryChecks, StructureChecks, SurveyChecks, BandPolicyChecks],
        },
      ),
    };
  }
}
