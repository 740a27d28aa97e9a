import { randomUUID } from 'node:crypto';
import { Client, type Notification } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** What a replica does with a channel's changes. Both run one at a time, in commit order. */
export interface ChangeSubscriber {
  /**
   * Changes committed by any replica (this one included), in commit order: every change that
   * arrived while the previous ones were handled, together, so a busy replica catches up in one
   * step instead of one step per change.
   */
  onChanges(changes: Record<string, unknown>[]): Promise<void>;
  /** Changes may have been missed (the listening connection was lost): reload everything. */
  onResync(): Promise<void>;
}

export interface FeedLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** Postgres limits a payload to 8,000 bytes; a change larger than this is split. */
const PAYLOAD_BYTES = 7_000;
const CAUGHT_UP_TIMEOUT_MS = 10_000;
const RECENT_TOKENS = 1_000;
const RESYNC_DELAY_MS = 1_000;
/** A change that only marks a point in a channel's order; subscribers never see it. */
const BARRIER = '__barrier';

/**
 * Queues a change on `channel` in the caller's transaction: Postgres delivers it to every
 * listening replica when (and only if) the transaction commits, in commit order. Returns the
 * token to wait on with `ChangeFeed.caughtUp`.
 */
export async function notifyChange(
  tx: EntityManager,
  channel: string,
  change: Record<string, unknown>,
): Promise<string> {
  const token = randomUUID();
  await tx.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ ...change, token })]);
  return token;
}

/**
 * A change naming many keys, split into notifications under Postgres's payload limit. They are
 * handled in order, so the last token is the one to wait on.
 */
export async function notifyKeys(
  tx: EntityManager,
  channel: string,
  keys: string[],
): Promise<string> {
  let token = '';
  for (const part of splitKeys(keys)) token = await notifyChange(tx, channel, { keys: part });
  return token;
}

export function splitKeys(keys: string[], budget = PAYLOAD_BYTES): string[][] {
  const parts: string[][] = [];
  let part: string[] = [];
  let size = 0;
  for (const key of keys) {
    const bytes = Buffer.byteLength(JSON.stringify(key)) + 1;
    if (part.length > 0 && size + bytes > budget) {
      parts.push(part);
      part = [];
      size = 0;
    }
    part.push(key);
    size += bytes;
  }
  if (part.length > 0 || parts.length === 0) parts.push(part);
  return parts;
}

/**
 * Every replica's view of changes other replicas commit, through Postgres LISTEN/NOTIFY on one
 * dedicated connection. A change is handled after its transaction committed; a lost connection is
 * re-established with backoff and every subscriber resyncs, since notifications sent meanwhile
 * are gone.
 */
type Pending = { resync: true } | { change: Record<string, unknown>; token?: string };

export class ChangeFeed {
  private readonly subscribers = new Map<string, ChangeSubscriber>();
  /** Per channel, what arrived and is not handled yet, and the loop handling it. */
  private readonly pending = new Map<string, Pending[]>();
  private readonly draining = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, () => void>();
  private readonly handled = new Set<string>();
  private client?: Client;
  private connecting?: Promise<Client>;
  private stopped = false;
  private listening: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly logger: FeedLogger = console,
  ) {}

  /** Listens on `channel` from now on; changes committed before are the subscriber's initial load. */
  async subscribe(channel: string, subscriber: ChangeSubscriber): Promise<void> {
    this.subscribers.set(channel, subscriber);
    const client = await this.connect();
    // One statement at a time on the connection, however many subscribe at once.
    this.listening = this.listening.then(() => client.query(`LISTEN ${quoteIdent(channel)}`));
    await this.listening;
  }

  /**
   * A transaction that announces changes (`notify`), returning once this replica has handled them,
   * so the caller reads its own writes from memory like every other replica will.
   */
  async transaction<T>(
    dataSource: DataSource,
    work: (
      tx: EntityManager,
      notify: (channel: string, change: Record<string, unknown>) => Promise<void>,
    ) => Promise<T>,
  ): Promise<T> {
    const tokens: string[] = [];
    const result = await dataSource.transaction((tx) =>
      work(tx, async (channel, change) => {
        tokens.push(await notifyChange(tx, channel, change));
      }),
    );
    await Promise.all(tokens.map((token) => this.caughtUp(token)));
    return result;
  }

  /**
   * Resolves once this replica has handled every change committed on these channels before the
   * call (notifications arrive in commit order, so a marker sent now comes after all of them).
   */
  async barrier(dataSource: DataSource, channels: string[]): Promise<void> {
    await this.transaction(dataSource, async (_tx, notify) => {
      for (const channel of channels) await notify(channel, { [BARRIER]: true });
    });
  }

  /** Resolves once this replica handled the change with this token (read-your-writes). */
  caughtUp(token: string): Promise<void> {
    if (this.handled.has(token)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(token);
        this.logger.warn(`change ${token} not seen within ${CAUGHT_UP_TIMEOUT_MS} ms`);
        resolve();
      }, CAUGHT_UP_TIMEOUT_MS);
      this.waiting.set(token, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await Promise.all(this.draining.values());
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<Client> {
    const client = new Client({ connectionString: this.url, application_name: 'rangefinder-feed' });
    client.on('notification', (n) => this.receive(n));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    for (const channel of this.subscribers.keys())
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    this.client = client;
    return client;
  }

  private lost(client: Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    this.logger.warn(`change feed lost its connection (${error.message}); reconnecting`);
    void this.reconnect();
  }

  private async reconnect(attempt = 0): Promise<void> {
    if (this.stopped) return;
    try {
      await this.connect();
    } catch (error) {
      const delay = Math.min(200 * 2 ** attempt, 5_000);
      this.logger.warn(`change feed: ${(error as Error).message}; retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      return this.reconnect(attempt + 1);
    }
    for (const channel of this.subscribers.keys()) this.enqueue(channel, { resync: true });
  }

  private receive(notification: Notification): void {
    const subscriber = this.subscribers.get(notification.channel);
    if (!subscriber) return;
    let change: Record<string, unknown>;
    try {
      change = JSON.parse(notification.payload ?? '{}') as Record<string, unknown>;
    } catch {
      this.logger.error(`unreadable change on ${notification.channel}: resyncing`);
      this.enqueue(notification.channel, { resync: true });
      return;
    }
    const token = typeof change.token === 'string' ? change.token : undefined;
    this.enqueue(notification.channel, { change, token });
  }

  private done(token: string): void {
    this.handled.add(token);
    if (this.handled.size > RECENT_TOKENS) {
      this.handled.delete(this.handled.values().next().value as string);
    }
    this.waiting.get(token)?.();
    this.waiting.delete(token);
  }

  private enqueue(channel: string, item: Pending): void {
    const items = this.pending.get(channel) ?? [];
    items.push(item);
    this.pending.set(channel, items);
    if (!this.draining.has(channel)) this.draining.set(channel, this.drain(channel));
  }

  /**
   * One channel's work strictly in order: a resync alone, else every change queued up to the next
   * resync as one batch. A failed handler resyncs rather than skipping a change.
   */
  private async drain(channel: string): Promise<void> {
    // Notifications that arrived in the same read are queued before the first batch is taken.
    await Promise.resolve();
    for (;;) {
      const items = this.pending.get(channel) ?? [];
      if (items.length === 0) {
        // In the same synchronous step as the check, so an enqueue after it starts a new loop.
        this.draining.delete(channel);
        return;
      }
      const subscriber = this.subscribers.get(channel)!;
      const resyncAt = items.findIndex((item) => 'resync' in item);
      const batch = items.splice(0, resyncAt === 0 ? 1 : resyncAt < 0 ? items.length : resyncAt);
      try {
        if ('resync' in batch[0]) {
          await subscriber.onResync();
          continue;
        }
        const changes = batch.flatMap((item) =>
          'change' in item && !item.change[BARRIER] ? [item.change] : [],
        );
        if (changes.length > 0) await subscriber.onChanges(changes);
        for (const item of batch) if ('token' in item && item.token) this.done(item.token);
      } catch (error) {
        this.logger.error(`change on ${channel} failed: ${(error as Error).message}; resyncing`);
        if (this.stopped) return;
        setTimeout(() => this.enqueue(channel, { resync: true }), RESYNC_DELAY_MS);
      }
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
