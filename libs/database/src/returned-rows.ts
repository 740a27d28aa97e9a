import type { EntityManager } from 'typeorm';

/**
 * The rows of a statement's RETURNING clause. `manager.query` returns `[rows, count]` for
 * UPDATE/DELETE … RETURNING but plain rows for INSERT; the query runner's structured result is the
 * same for all of them. Outside a transaction a runner is borrowed for the one statement.
 */
export async function returnedRows<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).records as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
