/** Starts Passage: configuration, database, migrations, demo data, HTTP, and a clean shutdown. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { sealAuditChain } from '../audit/chain.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { DEMO_ADMIN_TOTP_SECRET, seedDemo } from '../demo/seed-demo.ts';
import { ROLES } from '@passage/core';
import { buildApp } from './app.ts';
import { resourcesWritten } from '../fhir/store/write.ts';

/** Resources written (on PGlite) before statistics are refreshed. */
const ANALYZE_AFTER_WRITES = 1000;
import type { Config } from './config.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { logger?: boolean; print?: (line: string) => void } = {},
): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const db = await openDatabase(config.database);
  const applied = await migrate(db);
  if (applied.length > 0) print(`Applied migrations ${applied.join(', ')}.`);
  if (config.demo) {
    const seeded = await seedDemo(db, config.demoPassword, print);
    print(seeded ? 'Demo mode: seeded demo data.' : 'Demo mode: reusing existing demo data.');
  } else {
    const users = await db.selectFrom('app_user').select('id').limit(1).execute();
    if (users.length === 0)
      print(
        'No users yet: create the first administrator with `npm run passage -- create-admin <username>`.',
      );
  }
  // PGlite has no autovacuum daemon: planner statistics are refreshed at start and, like
  // autovacuum's analyze, after enough writes (stale statistics after a bulk load give bad plans).
  const embedded = config.database.kind === 'pglite';
  if (embedded) await sql`ANALYZE`.execute(db);
  let analyzedAt = resourcesWritten();
  const { app } = await buildApp(config, db, { logger: options.logger ?? true });
  // Seal committed audit events into the hash chain in the background (see audit/chain.ts).
  let sealing = Promise.resolve(0);
  const sealer = setInterval(() => {
    sealing = sealing
      .then(async () => {
        const sealed = await sealAuditChain(db);
        const written = resourcesWritten();
        if (embedded && written - analyzedAt >= Math.max(ANALYZE_AFTER_WRITES, analyzedAt / 5)) {
          analyzedAt = written;
          await sql`ANALYZE`.execute(db);
        }
        return sealed;
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'background maintenance failed');
        return 0;
      });
  }, 1000);
  sealer.unref();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  if (config.demo) {
    print(`\nPassage is running at ${url} (demo mode)`);
    print(`Demo accounts (password '${config.demoPassword}'): ${ROLES.join(', ')}`);
    print(
      `The admin account also needs a one-time code from an authenticator app with the secret ${DEMO_ADMIN_TOTP_SECRET}.\n`,
    );
  } else {
    print(`Passage is running at ${url}`);
  }
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      clearInterval(sealer);
      await app.close();
      await sealing;
      await sealAuditChain(db).catch(() => 0);
      await db.destroy();
    })();
    return closed;
  };
  return { app, db, url, close };
}
