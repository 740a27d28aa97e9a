export { aiJobsCsvPath } from './ai-jobs-data';
export { seedCatalogue } from './seed-catalogue';
