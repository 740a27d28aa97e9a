import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ChangeFeed, notifyChange, splitKeys } from './change-feed';
import { dropDatabase, ensureDatabase } from './ensure-database';

const SERVER = process.env.CATALOGUE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE_URL = `${SERVER}/rf_feed_test_${randomBytes(6).toString('hex')}`;
const quiet = { warn: () => undefined, error: () => undefined };

describe('splitKeys', () => {
  it('keeps every key once, in order, within the budget', () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => `ai-jobs:${i}`);
    const parts = splitKeys(keys, 7_000);
    expect(parts.flat()).toEqual(keys);
    for (const part of parts) expect(JSON.stringify({ keys: part }).length).toBeLessThan(7_100);
    expect(parts.length).toBeGreaterThan(1);
  });

  it('announces an empty change as one empty part', () => {
    expect(splitKeys([])).toEqual([[]]);
  });
});

describe('ChangeFeed against PostgreSQL', () => {
  let dataSource: DataSource;
  let feed: ChangeFeed;
  const changes: Record<string, unknown>[] = [];
  let resyncs = 0;

  beforeAll(async () => {
    await ensureDatabase(DATABASE_URL);
    dataSource = new DataSource({ type: 'postgres', url: DATABASE_URL, logging: false });
    await dataSource.initialize();
    feed = new ChangeFeed(DATABASE_URL, quiet);
    await feed.subscribe('feed_test', {
      onChanges: (batch) => {
        changes.push(...batch);
        return Promise.resolve();
      },
      onResync: () => {
        resyncs++;
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await feed.stop();
    await dataSource.destroy();
    await dropDatabase(DATABASE_URL);
  });

  it('delivers a committed change, and the committing caller has seen it when it returns', async () => {
    await feed.transaction(dataSource, (_tx, notify) => notify('feed_test', { n: 1 }));
    expect(changes.map((c) => c.n)).toEqual([1]);
  });

  it('delivers nothing for a rolled-back transaction', async () => {
    await expect(
      feed.transaction(dataSource, async (_tx, notify) => {
        await notify('feed_test', { n: 2 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await feed.transaction(dataSource, (_tx, notify) => notify('feed_test', { n: 3 }));
    expect(changes.map((c) => c.n)).toEqual([1, 3]);
  });

  it('a barrier returns after every change committed before it, and is not a change itself', async () => {
    await dataSource.transaction(async (tx) => {
      await notifyChange(tx, 'feed_test', { n: 5 });
    });
    await feed.barrier(dataSource, ['feed_test']);
    expect(changes.map((c) => c.n)).toEqual([1, 3, 5]);
    changes.splice(2);
  });

  it('hands a busy subscriber every change that arrived meanwhile as one batch, in commit order', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    await feed.subscribe('feed_batch', {
      onChanges: async (batch) => {
        batches.push(batch.map((c) => c.n as number));
        if (batches.length === 1) await busy;
      },
      onResync: () => Promise.resolve(),
    });
    const first = feed.transaction(dataSource, (_tx, notify) => notify('feed_batch', { n: 1 }));
    while (batches.length === 0) await new Promise((r) => setTimeout(r, 10));
    for (const n of [2, 3, 4]) {
      await dataSource.transaction((tx) => notifyChange(tx, 'feed_batch', { n }));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(batches).toEqual([[1]]);
    release();
    await first;
    await feed.barrier(dataSource, ['feed_batch']);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('resyncs after losing its connection, and keeps delivering', async () => {
    const admin = new Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'rangefinder-feed' AND datname = current_database()`,
    );
    await admin.end();
    for (let i = 0; i < 100 && resyncs === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(resyncs).toBe(1);
    await feed.transaction(dataSource, (_tx, notify) => notify('feed_test', { n: 4 }));
    expect(changes.map((c) => c.n)).toEqual([1, 3, 4]);
  });
});
