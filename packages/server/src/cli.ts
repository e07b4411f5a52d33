#!/usr/bin/env node
/** The `passage` command: serve, migrate, seed-demo, create-admin, audit verify, backup, restore. */
import { createInterface } from 'node:readline/promises';
import { loadConfig, ConfigError, type Config } from './platform/config.ts';
import { startServer } from './platform/server.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { organizationResource } from '@passage/core';
import { verifyAuditChain } from './audit/chain.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import { UserService } from './auth/users.ts';
import { loadFhirDefinitions } from './fhir/definitions.ts';
import { FhirRepository } from './fhir/store/repository.ts';
import { systemContext } from './access/access-context.ts';
import { loadOrgTree } from './access/org-tree.ts';

const USAGE = `Usage: passage <command>
  serve                     start the server (default)
  migrate                   apply database migrations
  seed-demo                 add the demo organisations, users and people
  create-admin <username>   create an administrator (password from PASSAGE_ADMIN_PASSWORD or a prompt)
  audit verify              check the audit trail's hash chain
  backup <file>             write a backup of the whole database
  restore <file>            replace the database with a backup`;

async function withDb<T>(config: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  loadFhirDefinitions();
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

async function prompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...args] = argv;
  if (command === '--help' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const server = await startServer(config);
      const stop = async (signal: string) => {
        server.app.log.info(`${signal}: shutting down`);
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      return -1;
    }
    case 'migrate':
      return withDb(config, async () => {
        console.log('Database is up to date.');
        return 0;
      });
    case 'seed-demo':
      return withDb(config, async (db) => {
        const seeded = await seedDemo(db, config.demoPassword, console.log);
        console.log(seeded ? 'Demo data added.' : 'Demo data was already there.');
        return 0;
      });
    case 'create-admin': {
      const username = args[0];
      if (!username) {
        console.error('create-admin needs a username');
        return 2;
      }
      const password =
        process.env.PASSAGE_ADMIN_PASSWORD ?? (await prompt('Password (at least 10 characters): '));
      return withDb(config, async (db) => {
        let root = (await loadOrgTree(db)).all().find((o) => o.parentId === null);
        if (!root) {
          const name = process.env.PASSAGE_NODE_NAME ?? 'Passage national node';
          await new FhirRepository(db).writeAll(systemContext(), [
            {
              method: 'PUT',
              resource: organizationResource('national-node', name, 'country'),
            },
          ]);
          root = { id: 'national-node', parentId: null, kind: 'country', name };
          console.log(`Created the national node organisation '${name}'.`);
        }
        const users = new UserService(db, {
          lockoutThreshold: config.lockoutThreshold,
          lockoutMinutes: config.lockoutMinutes,
        });
        const { totpSetup } = await users.create(null, {
          username,
          displayName: username,
          password,
          roles: [{ role: 'admin', organizationId: root.id }],
        });
        console.log(`Administrator '${username}' created at ${root.name}.`);
        if (totpSetup)
          console.log(
            `Add this to an authenticator app, then sign in with its code:\n  secret: ${totpSetup.secret}\n  ${totpSetup.otpauthUrl}`,
          );
        return 0;
      });
    }
    case 'audit': {
      if (args[0] !== 'verify') {
        console.error(USAGE);
        return 2;
      }
      return withDb(config, async (db) => {
        const result = await verifyAuditChain(db);
        if (result.ok) {
          console.log(`Audit trail intact: ${result.checked} events verified.`);
          return 0;
        }
        console.error(
          `AUDIT TRAIL BROKEN: ${result.problem}${result.firstBrokenId ? ` (event ${result.firstBrokenId})` : ''}`,
        );
        return 1;
      });
    }
    case 'backup':
    case 'restore': {
      const file = args[0];
      if (!file) {
        console.error(`${command} needs a file name`);
        return 2;
      }
      return withDb(config, async (db) => {
        if (command === 'backup') {
          await backupDatabase(db, file);
          console.log(`Backup written to ${file}.`);
        } else {
          const { rows } = await restoreDatabase(db, file);
          console.log(`Restored ${rows} rows from ${file}.`);
        }
        return 0;
      });
    }
    default:
      console.error(`Unknown command '${command}'.\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(
      err instanceof ConfigError ? err.message : err instanceof Error ? `passage: ${err.message}` : err,
    );
    process.exit(1);
  },
);
