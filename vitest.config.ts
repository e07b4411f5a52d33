// Test projects: the pure core, the web app's pure parts, and the server twice — on embedded PGlite
// always, and on a PostgreSQL server when TEST_DATABASE_URL is set — plus browser tests.
import { defineConfig } from 'vitest/config';

const server = (name: string, backend: string) => ({
  test: {
    name,
    include: ['packages/server/src/**/*.test.ts'],
    env: { PASSAGE_TEST_BACKEND: backend },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      // Property tests run hundreds of cases: generous timeouts keep them from failing on a busy machine.
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'web', include: ['packages/web/src/**/*.test.ts'] } },
      server('server-pglite', 'pglite'),
      ...(process.env.TEST_DATABASE_URL ? [server('server-postgres', 'postgres')] : []),
      {
        test: {
          name: 'e2e',
          include: ['packages/e2e/tests/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
