// The contract classes carry class-transformer/class-validator decorators, which need the metadata polyfill.
import 'reflect-metadata';
export * from './topics';
export * from './datapoints/datapoint.v1';
export * from './rejections/rejection.v1';
export * from './observations/observation.v1';
export * from './bands/band.v1';
export * from './bands/band-version-index';
export * from './bands/band-figures';
export * from './offers/offer-decision.v1';
export * from './surveys/survey-table.v1';
export * from './field-problems';
export * from './calendar-date';
export * from './json-hazards';
