export * from './role';
export * from './auth-env';
export * from './access-token';
export * from './auth.decorators';
export * from './jwt-auth.guard';
export * from './auth.module';
export * from './openapi';
