import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The checkout holding deploy/local/kafka/pom.xml, from the sources or from their build in dist/. */
export function findRepoRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'deploy', 'local', 'kafka', 'pom.xml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
