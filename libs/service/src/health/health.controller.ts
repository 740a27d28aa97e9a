import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '@rangefinder/platform';

/** What readiness asks of a service's Kafka consumer (the KafkaBatchServer). */
export interface ConsumerMembership {
  isGroupMember(): boolean;
}

export const CONSUMER_MEMBERSHIP = Symbol('ConsumerMembership');

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(CONSUMER_MEMBERSHIP) private readonly consumer: ConsumerMembership,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready when the database answers and the consumer is a member of its group. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => {
        const check = this.indicators.check('kafka-consumer-group');
        return this.consumer.isGroupMember()
          ? check.up()
          : check.down({ message: 'not a member of the consumer group' });
      },
    ]);
  }
}
