import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const FILE = 'ai_jobs_net_salaries_2025-01-19.csv';
const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/**
 * The ai-jobs.net CSV for specs: $AI_JOBS_CSV, else the project's copy under deploy/data, else
 * the shared data folder beside the checkout (where CI finds it).
 */
export function aiJobsCsvPath(): string {
  const candidates = [
    process.env.AI_JOBS_CSV,
    resolve(REPO_ROOT, 'deploy', 'data', FILE),
    resolve(REPO_ROOT, '..', 'shared', 'data', FILE),
  ].filter((p): p is string => p !== undefined);
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(`${FILE} not found; looked in ${candidates.join(', ')} (set AI_JOBS_CSV)`);
  return found;
}
