import { Module, type DynamicModule } from '@nestjs/common';
import type { KafkaBatchServer } from '@rangefinder/messaging';
import { serviceModule, type AuthEnv } from '@rangefinder/platform';
import { BandBook, OFFERS_SCHEMA } from './bands/band-book';
import { BandsMessageController } from './bands/bands.message.controller';
import { BudgetHttpController } from './budget/budget.http.controller';
import { OfferChecksHttpController } from './checks/offer-checks.http.controller';
import { OffersEnv } from './offers.env';
import { OffersHttpController } from './offers/offers.http.controller';
import { OffersService } from './offers/offers.service';
import { VerdictPoliciesHttpController } from './policy/verdict-policies.http.controller';
import { VerdictPolicyService } from './policy/verdict-policy.service';

@Module({})
export class OffersModule {
  static register(env: OffersEnv, auth: AuthEnv, consumer: KafkaBatchServer): DynamicModule {
    return {
      module: OffersModule,
      ...serviceModule(
        env,
        auth,
        consumer,
        {
          name: 'offers',
          schema: OFFERS_SCHEMA,
          poolSize: 10,
        },
        {
          controllers: [
            BandsMessageController,
            OfferChecksHttpController,
            OffersHttpController,
            BudgetHttpController,
            VerdictPoliciesHttpController,
          ],
          providers: [
            { provide: OffersEnv, useValue: env },
            BandBook,
            VerdictPolicyService,
            OffersService,
          ],
        },
      ),
    };
  }
}
