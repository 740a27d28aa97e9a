export * from './kafka-client';
export * from './backoff';
export * from './kafka-batch.server';
export * from './outbox';
export * from './dead-letter';
export * from './consumer-progress';
export * from './outbox-relay.service';
