import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topic } from '@rangefinder/contracts';
import { OutboxRelayService, type MessageChunk } from '@rangefinder/messaging';
import { IngestChunkService } from './ingest-chunk.service';

@Controller()
export class DatapointsMessageController {
  constructor(
    private readonly ingest: IngestChunkService,
    private readonly relay: OutboxRelayService,
  ) {}

  @EventPattern(Topic.Datapoints)
  async onDatapoints(@Payload() chunk: MessageChunk): Promise<void> {
    await this.ingest.execute(chunk);
    this.relay.notify();
  }
}
