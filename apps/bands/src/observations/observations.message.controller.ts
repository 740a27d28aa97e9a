import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topic } from '@rangefinder/contracts';
import { ChangeFeed } from '@rangefinder/database';
import { OutboxRelayService, type MessageChunk } from '@rangefinder/messaging';
import { BandsEnv } from '../bands.env';
import { BandsMetrics } from '../metrics/bands.metrics';
import { ObservationStore } from './observation.store';

/**
 * Ingest's hand-off, on whichever replica the group assigned the partition: store the chunk and
 * announce it (one transaction), then wait until this replica's drafts hold it, so a chunk is
 * acknowledged only once its drafts are up to date here — and within milliseconds everywhere.
 */
@Controller()
export class ObservationsMessageController {
  constructor(
    private readonly store: ObservationStore,
    private readonly feed: ChangeFeed,
    private readonly relay: OutboxRelayService,
    private readonly metrics: BandsMetrics,
    private readonly env: BandsEnv,
  ) {}

  @EventPattern(Topic.Observations)
  async onObservations(@Payload() chunk: MessageChunk): Promise<void> {
    const { rejected, result: token } = await this.store.apply(
      this.env.BANDS_CONSUMER_GROUP,
      chunk,
    );
    if (rejected > 0) {
      this.metrics.observationsRejected.inc(rejected);
      this.relay.notify();
    }
    if (!token) return;
    await this.feed.caughtUp(token);
    const now = Date.now();
    for (const message of chunk.messages) {
      this.metrics.freshnessSeconds.observe(Math.max(0, now - Number(message.timestamp)) / 1000);
    }
  }
}
