import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { DataSource } from 'typeorm';

/** The counters behind the rate limit, one row per client; unlogged: a crash only resets them. */
export function rateLimitDdl(schema: string): string {
  return `CREATE UNLOGGED TABLE "${schema}".rate_limits (
    tracker text PRIMARY KEY,
    window_no bigint NOT NULL,
    hits int NOT NULL
  )`;
}

/** One in this many requests also deletes the counters of clients gone quiet for an hour. */
const SWEEP_EVERY = 1_000;

/**
 * Rate-limit counters in PostgreSQL, so a limit holds per client across all replicas: a fixed
 * window on the database's clock (one clock for every replica), counted with one upsert per
 * request.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private requests = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const [row] = await this.dataSource.query<{ hits: number; left_ms: number }[]>(
      `WITH now AS (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS ms)
       INSERT INTO "${this.schema}".rate_limits AS r (tracker, window_no, hits)
       SELECT $1, floor(ms / $2)::bigint, 1 FROM now
       ON CONFLICT (tracker) DO UPDATE SET
         hits = CASE WHEN r.window_no = excluded.window_no THEN r.hits + 1 ELSE 1 END,
         window_no = excluded.window_no
       RETURNING hits, (window_no + 1) * $2 - (SELECT ms FROM now) AS left_ms`,
      [key, ttl],
    );
    if (++this.requests % SWEEP_EVERY === 0) void this.sweep(ttl);
    const secondsLeft = Math.max(0, Math.ceil(Number(row.left_ms) / 1000));
    // Over the limit, blocked until the window ends (the guard answers 429 with Retry-After).
    const isBlocked = row.hits > limit;
    return {
      totalHits: row.hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  private async sweep(ttl: number): Promise<void> {
    await this.dataSource
      .query(
        `DELETE FROM "${this.schema}".rate_limits
         WHERE window_no < floor(extract(epoch FROM clock_timestamp()) * 1000 / $1) - 3600000 / $1`,
        [ttl],
      )
      .catch(() => undefined);
  }
}
