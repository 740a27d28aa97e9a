export * from './kafka-service';
export * from './auth/auth.module';
