import { AI_JOBS_FORMAT } from './ai-jobs.format';
import type { ImportFormatDefinition } from './import-format';

export * from './import-format';

/** Every file layout `rangefinder import --format` understands; add a new one here. */
export const IMPORT_FORMATS: readonly ImportFormatDefinition[] = [AI_JOBS_FORMAT];

export function importFormatNamed(name: string): ImportFormatDefinition | undefined {
  return IMPORT_FORMATS.find((format) => format.name === name);
}
