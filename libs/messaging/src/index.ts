export * from './kafka-client';
export * from './backoff';
export * from './kafka-batch.server';
export * from './outbox';
