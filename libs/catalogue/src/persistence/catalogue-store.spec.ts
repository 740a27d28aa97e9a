import { randomBytes } from 'node:crypto';
import { Client, type Notification } from 'pg';
import { DataSource } from 'typeorm';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogueFiles, CatalogueSnapshot } from '../catalogue-snapshot';
import { readFxFile } from '../fx/fx-file';
import { readFxManifest, SHIPPED_FX_MANIFEST } from '../fx/fx-manifest';
import { Catalogue } from '../lookup/catalogue';
import { CATALOGUE_MIGRATIONS } from '../migrations';
import { InvalidCatalogueError } from '../seed/catalogue-problems';
import { loadCatalogueFiles } from '../seed/load-catalogue-seed';
import {
  applyCatalogue,
  CATALOGUE_CHANGED_CHANNEL,
  CatalogueNotAppliedError,
  importFx,
  readCatalogue,
} from './catalogue-store';
import { CATALOGUE_ENTITIES } from './entities';

const SERVER = process.env.CATALOGUE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = `rf_catalogue_test_${randomBytes(6).toString('hex')}`;

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The catalogue as stored in PostgreSQL: a throwaway database, migrated by the hand-written migration. */
const revisionOf = (payload: string) => (JSON.parse(payload) as { revision: number }).revision;

describe('applyCatalogue / readCatalogue (PostgreSQL)', () => {
  let dataSource: DataSource;
  let listener: Client;
  const notifications: string[] = [];
  let seed: CatalogueFiles;
  let scratch: string;

  const filesOf = ({ fxRates: _fx, ...files }: CatalogueSnapshot): CatalogueFiles => files;
  const importCsv = async (name: string, lines: string[], maxAgeDays: number | null = null) => {
    const file = join(scratch, `${name}.csv`);
    await writeFile(file, ['date,currency,usdPerUnit', ...lines].join('\n'));
    return importFx(
      dataSource,
      await readFxFile({ file, format: 'csv', source: name, maxAgeDays }),
      'fx-test',
    );
  };

  beforeAll(async () => {
    seed = await loadCatalogueFiles();
    scratch = await mkdtemp(join(tmpdir(), 'rf-fx-'));
    await admin((c) => c.query(`CREATE DATABASE "${DATABASE}"`));
    dataSource = new DataSource({
      type: 'postgres',
      url: `${SERVER}/${DATABASE}`,
      entities: CATALOGUE_ENTITIES,
      migrations: CATALOGUE_MIGRATIONS,
      migrationsRun: true,
      synchronize: false,
      logging: false,
    });
    await dataSource.initialize();
    listener = new Client({ connectionString: `${SERVER}/${DATABASE}` });
    await listener.connect();
    listener.on('notification', (n: Notification) => {
      if (n.channel === CATALOGUE_CHANGED_CHANNEL) notifications.push(n.payload ?? '');
    });
    await listener.query(`LISTEN ${CATALOGUE_CHANGED_CHANNEL}`);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await listener?.end();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`));
  });

  const waitForNotifications = async (count: number) => {
    for (let i = 0; i < 100 && notifications.length < count; i++)
      await new Promise((r) => setTimeout(r, 20));
  };

  it('migrates the catalogue schema with its tables', async () => {
    const tables = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'catalogue' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'career_edges',
      'fx_rates',
      'fx_sources',
      'job_families',
      'ladders',
      'level_crosswalks',
      'levels',
      'pay_zones',
      'revisions',
      'roles',
      'subdivisions',
      'title_aliases',
      'unmapped_titles',
      'zone_rules',
    ]);
    await expect(readCatalogue(dataSource)).rejects.toThrow(CatalogueNotAppliedError);
  });

  it('refuses the seed while no FX table quotes its zone currencies, naming each', async () => {
    const problems = await applyCatalogue(dataSource, seed, 'seed-test').then(
      () => [],
      (error: InvalidCatalogueError) => error.problems.map((p) => p.message),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'band currency CHF of zone "CH" has no FX rates: import a table that quotes it (rangefinder fx import)',
      ]),
    );
    await expect(readCatalogue(dataSource)).rejects.toThrow(CatalogueNotAppliedError);
  });

  it('imports the shipped FX tables before any catalogue exists, without a revision', async () => {
    for (const request of readFxManifest(SHIPPED_FX_MANIFEST)) {
      const imported = await importFx(dataSource, await readFxFile(request), 'seed-test');
      expect(imported.applied).toBeUndefined();
      expect(imported.rates).toBeGreaterThan(0);
    }
    const [{ count }] = await dataSource.query<{ count: number }[]>(
      `SELECT count(DISTINCT currency)::int AS count FROM catalogue.fx_rates`,
    );
    expect(count).toBeGreaterThan(35);
  });

  it('applies the seed in one revision, notifies catalogue_changed and reads it back equal', async () => {
    const applied = await applyCatalogue(dataSource, seed, 'seed-test');
    expect(applied.versions.jobArchitecture).toBe(seed.jobArchitecture.version);
    expect(applied.summary.roles).toMatchObject({
      count: seed.jobArchitecture.roles.length,
      removed: [],
      changed: [],
    });
    expect(applied.summary.roles.added).toHaveLength(seed.jobArchitecture.roles.length);
    expect(applied.summary.titleAliases.count).toBe(seed.titleAliases.aliases.length);
    expect(applied.summary.fxRates.added).toEqual(expect.arrayContaining(['AUD', 'CHF', 'EUR']));
    expect(applied.summary.zoneRules.count).toBe(
      seed.payZones.zones.reduce((n, z) => n + z.rules.length, 0),
    );

    await waitForNotifications(1);
    expect(notifications.map(revisionOf)).toEqual([applied.revision]);

    const stored = await readCatalogue(dataSource);
    expect(stored.revision).toBe(applied.revision);
    expect(stored.appliedBy).toBe('seed-test');
    expect(filesOf(stored.snapshot)).toStrictEqual(seed);
    expect(stored.snapshot.fxRates.sources.map((source) => source.name)).toEqual([
      'ai-jobs-derived',
      'ecb-eurofxref',
      'usd-pegs',
    ]);
    expect(new Catalogue(stored.snapshot).fxUsdPerUnit('CHF', '2024-03-09')).toEqual({
      rate: Number((1.0932 / 0.9588).toPrecision(12)),
      asOf: '2024-03-08',
      source: 'ecb-eurofxref',
    });
    expect(
      new Catalogue(stored.snapshot).resolveRole({ title: 'VP of Engineering' })?.role.code,
    ).toBe('vp-engineering');
  });

  it('replaces the contents with a modified snapshot and reports what was added, removed and changed', async () => {
    const before = await readCatalogue(dataSource);
    const modified = structuredClone(seed);
    modified.jobArchitecture.version = '2026-12-01.1';
    modified.jobArchitecture.roles.push({
      code: 'data-steward',
      name: 'Data Steward',
      family: 'data-management',
      ladder: 'data-ic',
    });
    modified.titleAliases.aliases.push({
      title: 'Senior Data Steward',
      role: 'data-steward',
      level: 'IC4',
    });
    modified.payZones.zones = modified.payZones.zones.filter((z) => z.code !== 'JE');
    const germany = modified.payZones.zones.find((z) => z.code === 'DE');
    if (germany) germany.differential = 0.6;
    delete modified.levelCrosswalks.notes;

    const applied = await applyCatalogue(dataSource, modified, 'analyst@example.com');
    expect(applied.revision).toBe(before.revision + 1);
    expect(applied.summary.roles).toEqual({
      count: seed.jobArchitecture.roles.length + 1,
      added: ['data-steward'],
      removed: [],
      changed: [],
    });
    expect(applied.summary.titleAliases.added).toEqual(['senior data steward']);
    expect(applied.summary.payZones).toMatchObject({ added: [], removed: ['JE'], changed: ['DE'] });
    expect(applied.summary.fxRates).toMatchObject({ added: [], removed: [], changed: [] });

    await waitForNotifications(2);
    expect(revisionOf(notifications[1])).toBe(applied.revision);
    const stored = await readCatalogue(dataSource);
    expect(filesOf(stored.snapshot)).toStrictEqual(modified);
    expect(new Catalogue(stored.snapshot).resolveZone({ country: 'JE' })).toBeUndefined();
  });

  it('rejects an invalid snapshot before touching the database', async () => {
    const before = await readCatalogue(dataSource);
    const broken = structuredClone(before.snapshot);
    broken.titleAliases.aliases[0].role = 'no-such-role';
    await expect(applyCatalogue(dataSource, broken, 'someone')).rejects.toThrow(
      InvalidCatalogueError,
    );
    expect((await readCatalogue(dataSource)).revision).toBe(before.revision);
  });

  it('records an FX import over a catalogue as a revision that changes only the currencies it quotes', async () => {
    const before = await readCatalogue(dataSource);
    const imported = await importCsv('finance-desk', [
      '2019-01-01,CHF,1.01',
      '2024-01-01,CHF,1.15',
    ]);
    expect(imported.currencies).toEqual(['CHF']);
    expect(imported.applied?.revision).toBe(before.revision + 1);
    expect(imported.applied?.summary.fxRates).toMatchObject({
      added: [],
      removed: [],
      changed: ['CHF'],
    });
    await waitForNotifications(3);
    const catalogue = new Catalogue((await readCatalogue(dataSource)).snapshot);
    expect(catalogue.fxUsdPerUnit('CHF', '2026-12-01')).toEqual({
      rate: 1.15,
      asOf: '2024-01-01',
      source: 'finance-desk',
    });
    expect(catalogue.fxUsdPerUnit('EUR', '2024-03-08')?.source).toBe('ecb-eurofxref');
  });

  it('refuses an FX import that would leave a zone currency without a rate, changing nothing', async () => {
    const before = await readCatalogue(dataSource);
    await expect(importCsv('late-desk', ['2024-01-01,CHF,1.15'])).rejects.toThrow(
      /band currency CHF of zone "CH" has no FX rate in force on 2020-01-01 \(first rate 2024-01-01/,
    );
    const after = await readCatalogue(dataSource);
    expect(after.revision).toBe(before.revision);
    expect(after.snapshot.fxRates.sources.map((source) => source.name)).toContain('finance-desk');
  });

  it('lets the database itself refuse a second catch-all zone and a fixed level off the role ladder', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO catalogue.pay_zones (code, name, country, currency, differential, catch_all, position)
         VALUES ('US-Z', 'x', 'US', 'USD', 1, true, 999)`,
      ),
    ).rejects.toThrow(/pay_zones_one_catch_all_per_country_uq/);
    await expect(
      dataSource.query(
        `INSERT INTO catalogue.title_aliases (title_key, title, role_code, ladder_code, level_code, position)
         VALUES ('odd title', 'Odd Title', 'data-scientist', 'data-ic', 'M2', 999)`,
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('reverts the migrations cleanly', async () => {
    for (const _ of CATALOGUE_MIGRATIONS) await dataSource.undoLastMigration();
    const schemas = await dataSource.query<unknown[]>(
      `SELECT 1 FROM information_schema.schemata WHERE schema_name = 'catalogue'`,
    );
    expect(schemas).toHaveLength(0);
  });
});
