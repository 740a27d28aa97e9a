export * from './config/load-config';
export * from './config/common-env';
export * from './metrics/metrics.module';
export * from './http/error-shape.filter';
export * from './http/validation.pipe';
export * from './auth';
export * from './health/health.controller';
export * from './service/service-bootstrap';
