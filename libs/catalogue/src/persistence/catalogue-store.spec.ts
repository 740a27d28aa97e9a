import { randomBytes } from 'node:crypto';
import { Client, type Notification } from 'pg';
import { DataSource } from 'typeorm';
import type { CatalogueSnapshot } from '../catalogue-snapshot';
import { Catalogue } from '../lookup/catalogue';
import { CATALOGUE_MIGRATIONS } from '../migrations';
import { InvalidCatalogueError } from '../seed/catalogue-problems';
import { loadCatalogueSeed } from '../seed/load-catalogue-seed';
import {
  applyCatalogue,
  CATALOGUE_CHANGED_CHANNEL,
  CatalogueNotAppliedError,
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
  let seed: CatalogueSnapshot;

  beforeAll(async () => {
    seed = await loadCatalogueSeed();
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
    expect(applied.summary.fxRates.count).toBe(seed.fxRates.rates.length);
    expect(applied.summary.zoneRules.count).toBe(
      seed.payZones.zones.reduce((n, z) => n + z.rules.length, 0),
    );

    await waitForNotifications(1);
    expect(notifications.map(revisionOf)).toEqual([applied.revision]);

    const stored = await readCatalogue(dataSource);
    expect(stored.revision).toBe(applied.revision);
    expect(stored.appliedBy).toBe('seed-test');
    expect(stored.snapshot).toStrictEqual(seed);
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
    expect(stored.snapshot).toStrictEqual(modified);
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

  it('reverts the migration cleanly', async () => {
    await dataSource.undoLastMigration();
    const schemas = await dataSource.query<unknown[]>(
      `SELECT 1 FROM information_schema.schemata WHERE schema_name = 'catalogue'`,
    );
    expect(schemas).toHaveLength(0);
  });
});
