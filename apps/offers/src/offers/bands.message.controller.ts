import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topic } from '@rangefinder/contracts';
import { ChangeFeed } from '@rangefinder/database';
import { OutboxRelayService, type MessageChunk } from '@rangefinder/messaging';
import { OffersEnv } from '../offers.env';
import { BandBook } from '../bands/band-book';
import { RecheckOffers } from './recheck-offers';

/**
 * Published bands in, on whichever replica the group assigned the partition: stored and announced,
 * used by checks on every replica as soon as each has read them, and waiting offers re-checked here
 * once this replica holds them.
 */
@Controller()
export class BandsMessageController {
  constructor(
    private readonly bands: BandBook,
    private readonly feed: ChangeFeed,
    private readonly offers: RecheckOffers,
    private readonly relay: OutboxRelayService,
    private readonly env: OffersEnv,
  ) {}

  @EventPattern(Topic.Bands)
  async onBands(@Payload() chunk: MessageChunk): Promise<void> {
    const { cells, token } = await this.bands.apply(this.env.OFFERS_CONSUMER_GROUP, chunk);
    this.relay.notify();
    if (token) await this.feed.caughtUp(token);
    await this.offers.recheck(cells);
  }
}
