export * from './config/load-config';
export * from './config/common-env';
export * from './config/repo-root';
export * from './http/error-shape.filter';
export * from './http/validation.pipe';
export * from './http/postgres-throttler.storage';
export * from './http/rate-limits.migration';
export * from './auth';
