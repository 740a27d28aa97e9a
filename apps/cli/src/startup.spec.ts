import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** What a service needs and the CLI, outside `import` and `catalogue`, must not load. */
const SERVICE_PACKAGES = [
  '@nestjs/core',
  '@nestjs/platform-fastify',
  'fastify',
  '@nestjs/typeorm',
  'typeorm',
  'pg',
  'kafkajs',
];

interface JestProject {
  displayName: string;
  transform: Record<string, [string, object]>;
}

/** The unit project's swc options, so the child compiles the sources exactly as jest does. */
function swcOptions(): object {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    jest: { projects: JestProject[] };
  };
  const unit = manifest.jest.projects.find((project) => project.displayName === 'unit')!;
  return unit.transform['^.+\\.ts$'][1];
}

/**
 * Runs `rangefinder <args>` from the sources in a fresh Node process (jest's own module registry
 * would hide what Node loads) and reports every npm package in its require cache at exit.
 */
function runCli(...args: string[]): { status: number | null; stdout: string; packages: string[] } {
  const child = `
    const Module = require('node:module');
    const { readFileSync, writeSync } = require('node:fs');
    const { join } = require('node:path');
    const { transformSync } = require('@swc/core');
    const root = ${JSON.stringify(ROOT)};
    const options = { ...${JSON.stringify(swcOptions())}, module: { type: 'commonjs' } };
    require.extensions['.ts'] = (module, filename) =>
      module._compile(transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      const lib = /^@rangefinder\\/([^/]+)$/.exec(request);
      return resolve.call(this, lib ? join(root, 'libs', lib[1], 'src') : request, ...rest);
    };
    process.on('exit', () => writeSync(3, JSON.stringify(Object.keys(require.cache))));
    require(join(root, 'apps/cli/src/main.ts')).main(['node', 'rangefinder', ...process.argv.slice(1)]);
  `;
  const run = spawnSync(process.execPath, ['-e', child, '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const files = JSON.parse(run.output[3] || '[]') as string[];
  const packages = new Set(
    files.flatMap((file) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? []),
  );
  return { status: run.status, stdout: run.stdout, packages: [...packages].sort() };
}

describe('rangefinder startup', () => {
  it('prints tokens without loading Nest core, Fastify, TypeORM, pg or kafkajs', () => {
    const run = runCli('tokens');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(4);
    // The check sees npm packages at all: these are what `tokens` needs.
    expect(run.packages).toEqual(expect.arrayContaining(['commander', '@nestjs/jwt']));
    expect(SERVICE_PACKAGES.filter((name) => run.packages.includes(name))).toEqual([]);
  });

  it('shows --help for every command without them either', () => {
    const run = runCli('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('catalogue');
    expect(SERVICE_PACKAGES.filter((name) => run.packages.includes(name))).toEqual([]);
  });
});
