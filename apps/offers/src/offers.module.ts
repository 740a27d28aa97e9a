import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { KafkaBatchServer } from '@rangefinder/messaging';
import type { AuthEnv } from '@rangefinder/platform';
import { serviceModule } from '@rangefinder/service';
import { BandBook, OFFERS_SCHEMA } from './bands/band-book';
import { BandsMessageController } from './offers/bands.message.controller';
import { BudgetHttpController } from './budget/budget.http.controller';
import { CheckOffer } from './offers/check-offer';
import { OfferChecksHttpController } from './offers/offer-checks.http.controller';
import { OffersEnv } from './offers.env';
import { DecideOffer } from './offers/decide-offer';
import { OfferErrorsInterceptor } from './offers/offer-errors.interceptor';
import { OfferTermsChecks } from './offers/offer-terms.checks';
import { OffersHttpController } from './offers/offers.http.controller';
import { OffersRepository } from './offers/offers.repository';
import { ReadOffers } from './offers/read-offers';
import { RecheckOffers } from './offers/recheck-offers';
import { SubmitOffer } from './offers/submit-offer';
import { VerdictPoliciesHttpController } from './offers/verdict-policies.http.controller';
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
            { provide: APP_INTERCEPTOR, useClass: OfferErrorsInterceptor },
            BandBook,
            VerdictPolicyService,
            OffersRepository,
            CheckOffer,
            ReadOffers,
            SubmitOffer,
            DecideOffer,
            RecheckOffers,
          ],
          inputChecks: [OfferTermsChecks],
        },
      ),
    };
  }
}
