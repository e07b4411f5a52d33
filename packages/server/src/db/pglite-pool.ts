/**
 * Makes an embedded PGlite database look like a `pg` pool to Kysely's Postgres dialect.
 * PGlite is a single session, so connections are handed out one at a time: a transaction holds
 * the only connection until it is released, which keeps transactions isolated.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

export function pglitePool(db: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => (release = resolve));
      await previous;
      const client = {
        async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
          // Parameterless text may hold several statements (migrations, restores): simple protocol.
          const result =
            parameters.length === 0
              ? lastOf(await db.exec(sql))
              : await db.query<R>(sql, parameters as unknown[]);
          return {
            command: commandOf(sql),
            rowCount: result.affectedRows ?? result.rows.length,
            rows: result.rows as R[],
          };
        },
        release,
      };
      return client as unknown as PostgresPoolClient;
    },
    options: {},
    async end(): Promise<void> {
      await tail;
      await db.close();
    },
  };
}

function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase();
  return word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE' ? word : 'SELECT';
}

function lastOf<T>(results: T[]): T {
  const last = results.at(-1);
  if (!last) throw new Error('empty statement');
  return last;
}
