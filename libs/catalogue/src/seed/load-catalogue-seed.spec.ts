import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CATALOGUE_FILES,
  type CatalogueFileKind,
  type CatalogueFiles,
} from '../catalogue-snapshot';
import { InvalidCatalogueError, type CatalogueProblem } from './catalogue-problems';
import { CATALOGUE_SEED_DIR, loadCatalogueFiles, parseCatalogueFiles } from './load-catalogue-seed';
import { VERSION_PATTERN } from '../patterns';

async function rawSeed(): Promise<Record<CatalogueFileKind, Record<string, unknown>>> {
  const kinds = Object.keys(CATALOGUE_FILES) as CatalogueFileKind[];
  const entries = await Promise.all(
    kinds.map(
      async (kind) =>
        [
          kind,
          JSON.parse(await readFile(join(CATALOGUE_SEED_DIR, CATALOGUE_FILES[kind]), 'utf8')),
        ] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<CatalogueFileKind, Record<string, unknown>>;
}

function problemsOf(run: () => unknown): CatalogueProblem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidCatalogueError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the catalogue to be rejected');
}

describe('loadCatalogueFiles', () => {
  let seed: CatalogueFiles;

  beforeAll(async () => {
    seed = await loadCatalogueFiles();
  });

  it('accepts the seed files shipped in the repository', () => {
    for (const kind of Object.keys(CATALOGUE_FILES) as CatalogueFileKind[]) {
      expect(seed[kind].version).toMatch(VERSION_PATTERN);
    }
    expect(seed.jobArchitecture.roles.length).toBeGreaterThanOrEqual(40);
    expect(seed.payZones.anchor).toBe('US-A');
  });

  it('ships VP of Engineering on the executive ladder with its career path', () => {
    const vp = seed.jobArchitecture.roles.find((r) => r.code === 'vp-engineering');
    expect(vp).toEqual({
      code: 'vp-engineering',
      name: 'VP of Engineering',
      family: 'software-engineering',
      ladder: 'executive',
    });
    const edges = seed.jobArchitecture.careerEdges;
    expect(edges).toContainEqual({
      from: 'director-engineering',
      to: 'vp-engineering',
      kind: 'advance-to',
    });
    expect(edges).toContainEqual({ from: 'vp-engineering', to: 'cto', kind: 'advance-to' });
    expect(edges).toContainEqual({
      from: 'engineering-manager',
      to: 'director-engineering',
      kind: 'advance-to',
    });
  });

  it('ships the roles of the ai-jobs data and the leadership ladders up to executive', () => {
    const codes = new Set(seed.jobArchitecture.roles.map((r) => r.code));
    for (const code of [
      'software-engineer',
      'data-scientist',
      'data-engineer',
      'data-analyst',
      'ml-engineer',
      'research-scientist',
      'research-engineer',
      'applied-scientist',
      'analytics-engineer',
      'data-architect',
      'bi-engineer',
      'bi-analyst',
      'ai-engineer',
      'solutions-architect',
      'devops-engineer',
      'site-reliability-engineer',
      'platform-engineer',
      'product-manager',
      'engineering-manager',
      'data-science-manager',
      'data-manager',
      'director-engineering',
      'head-of-data',
      'vp-engineering',
      'vp-data',
      'cto',
      'cdo',
      'vp-product',
      'cpo',
    ]) {
      expect(codes).toContain(code);
    }
    const kinds = seed.jobArchitecture.ladders.map((l) => l.kind);
    expect(new Set(kinds)).toEqual(new Set(['individual-contributor', 'management', 'executive']));
  });

  it('names the file when one is missing or is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rf-catalogue-'));
    try {
      await expect(loadCatalogueFiles(dir)).rejects.toThrow(
        /job-architecture\.json \(file\): cannot be read/,
      );
      for (const file of Object.values(CATALOGUE_FILES)) {
        await writeFile(join(dir, file), await readFile(join(CATALOGUE_SEED_DIR, file), 'utf8'));
      }
      await writeFile(join(dir, CATALOGUE_FILES.payZones), '{ "version": ');
      await expect(loadCatalogueFiles(dir)).rejects.toThrow(
        /pay-zones\.json \(file\): is not valid JSON/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports shape errors with file and field path, and unknown (misspelt) fields', async () => {
    const raw = await rawSeed();
    const roles = raw.jobArchitecture.roles as Record<string, unknown>[];
    roles[3] = { ...roles[3], ladder: 'Not A Code' };
    const ladders = raw.jobArchitecture.ladders as { levels: Record<string, unknown>[] }[];
    ladders[1].levels[2] = { ...ladders[1].levels[2], rank: 'three' };
    const aliases = raw.titleAliases.aliases as Record<string, unknown>[];
    aliases[0] = { ...aliases[0], levle: 'IC4' };
    (raw.payZones.zones as Record<string, unknown>[])[0].currencyReason = 7;
    raw.payZones.version = 'today';

    const problems = problemsOf(() => parseCatalogueFiles(raw));
    const located = problems.map((p) => `${p.file} ${p.path}`);
    expect(located).toEqual(
      expect.arrayContaining([
        'job-architecture.json roles[3].ladder',
        'job-architecture.json ladders[1].levels[2].rank',
        'title-aliases.json aliases[0].levle',
        'pay-zones.json zones[0].currencyReason',
        'pay-zones.json version',
      ]),
    );
    expect(problems.find((p) => p.path === 'aliases[0].levle')?.message).toMatch(
      /should not exist/,
    );
  });

  it('names every missing part of every file at once', async () => {
    const raw = await rawSeed();
    const missing: string[] = [];
    for (const kind of Object.keys(CATALOGUE_FILES) as CatalogueFileKind[]) {
      // Every part but the optional notes.
      for (const key of Object.keys(raw[kind]).filter((k) => k !== 'notes')) {
        delete raw[kind][key];
        missing.push(`${CATALOGUE_FILES[kind]} ${key}`);
      }
    }
    const located = problemsOf(() => parseCatalogueFiles(raw)).map((p) => `${p.file} ${p.path}`);
    expect([...new Set(located)].sort()).toEqual(missing.sort());
  });

  it('rejects a file that is not a JSON object', async () => {
    const raw = await rawSeed();
    const broken = { ...raw, levelCrosswalks: [] as unknown } as Record<CatalogueFileKind, unknown>;
    expect(problemsOf(() => parseCatalogueFiles(broken))).toEqual([
      { file: 'level-crosswalks.json', path: '', message: 'must be a JSON object' },
    ]);
  });
});
