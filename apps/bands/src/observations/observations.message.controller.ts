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
 * announce it (one transaction), then acknowledge it. Every replica's drafts follow through the
 * change feed; the consumer does not wait for them, so drafting never slows storing — a busy draft
 * book catches up on everything stored meanwhile in one step. A draft read waits for it
 * (`DraftBook.caughtUp`); this replica's freshness is observed when its drafts hold the chunk.
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
    const produced = chunk.messages.map((message) => Number(message.timestamp));
    void this.feed.caughtUp(token).then(() => {
      const now = Date.now();
      for (const at of produced)
        this.metrics.freshnessSeconds.observe(Math.max(0, now - at) / 1000);
    });
  }
}
