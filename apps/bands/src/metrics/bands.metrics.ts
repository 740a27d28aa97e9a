import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

@Injectable()
export class BandsMetrics {
  readonly observationsApplied: Counter;
  readonly observationsRejected: Counter;
  readonly groupsRecomputed: Counter;
  readonly recomputeSeconds: Histogram;
  /** From the hand-off message's timestamp to its cell's draft being recomputed. */
  readonly freshnessSeconds: Histogram;
  readonly bandsPublished: Counter;

  constructor(registry: Registry) {
    this.observationsApplied = new Counter({
      name: 'rangefinder_bands_observations_applied_total',
      help: 'Observation changes (puts and erasures) applied to the cells',
      registers: [registry],
    });
    this.observationsRejected = new Counter({
      name: 'rangefinder_bands_observations_rejected_total',
      help: 'Hand-off messages dead-lettered to comp.observations.dlq.v1',
      registers: [registry],
    });
    this.groupsRecomputed = new Counter({
      name: 'rangefinder_bands_groups_recomputed_total',
      help: 'Role × level groups whose drafts were recomputed',
      registers: [registry],
    });
    this.recomputeSeconds = new Histogram({
      name: 'rangefinder_bands_recompute_seconds',
      help: 'Time to recompute the drafts of one chunk of changes',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.freshnessSeconds = new Histogram({
      name: 'rangefinder_bands_freshness_seconds',
      help: 'Hand-off message timestamp to its draft recomputed',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    });
    this.bandsPublished = new Counter({
      name: 'rangefinder_bands_published_total',
      help: 'Band versions published',
      registers: [registry],
    });
  }
}
