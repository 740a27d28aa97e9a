import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topic } from '@rangefinder/contracts';
import { OutboxRelayService, type MessageChunk } from '@rangefinder/messaging';
import { OffersEnv } from '../offers.env';
import { RecheckOffers } from '../offers/recheck-offers';
import { BandBook } from './band-book';

/** Published bands in: stored, used by checks at once, and waiting offers re-checked. */
@Controller()
export class BandsMessageController {
  constructor(
    private readonly bands: BandBook,
    private readonly offers: RecheckOffers,
    private readonly relay: OutboxRelayService,
    private readonly env: OffersEnv,
  ) {}

  @EventPattern(Topic.Bands)
  async onBands(@Payload() chunk: MessageChunk): Promise<void> {
    const cells = await this.bands.apply(this.env.OFFERS_CONSUMER_GROUP, chunk);
    this.relay.notify();
    await this.offers.recheck(cells);
  }
}
