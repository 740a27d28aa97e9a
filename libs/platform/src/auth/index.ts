export * from './role';
export * from './auth-env';
export * from './access-token';
export * from './auth.decorators';
export * from './openapi';
