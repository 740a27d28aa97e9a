import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topic } from '@rangefinder/contracts';
import { OutboxRelayService, type MessageChunk } from '@rangefinder/messaging';
import { BandsEnv } from '../bands.env';
import { DraftBook } from '../drafts/draft-book';
import { BandsMetrics } from '../metrics/bands.metrics';
import { ObservationStore } from './observation.store';

/** Ingest's hand-off: store the chunk (one transaction), then update the drafts it touches. */
@Controller()
export class ObservationsMessageController {
  constructor(
    private readonly store: ObservationStore,
    private readonly drafts: DraftBook,
    private readonly relay: OutboxRelayService,
    private readonly metrics: BandsMetrics,
    private readonly env: BandsEnv,
  ) {}

  @EventPattern(Topic.Observations)
  async onObservations(@Payload() chunk: MessageChunk): Promise<void> {
    const applied = await this.store.apply(this.env.BANDS_CONSUMER_GROUP, chunk);
    if (applied.rejected > 0) {
      this.metrics.observationsRejected.inc(applied.rejected);
      this.relay.notify();
    }
    await this.drafts.apply(
      applied.changes,
      chunk.messages.map((m) => Number(m.timestamp)),
    );
  }
}
