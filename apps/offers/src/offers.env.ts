import { IsInt, IsString, Max, Min } from 'class-validator';
import { CommonEnv } from '@rangefinder/platform';

export class OffersEnv extends CommonEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  OFFERS_PORT: number = 3003;

  @IsString()
  OFFERS_CONSUMER_GROUP: string = 'rangefinder-offers';

  /** How long an offer may wait for approval before it is flagged for escalation. */
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  OFFERS_APPROVAL_SLA_HOURS: number = 48;
}
