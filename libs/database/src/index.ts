export * from './data-source';
export * from './migrations';
export * from './ensure-database';
export * from './returned-rows';
export * from './change-feed';
