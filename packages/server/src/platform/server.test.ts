import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_BACKEND } from '../testing/test-db.ts';
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

describe.runIf(TEST_BACKEND === 'pglite')('starting the server', () => {
  it('a production start begins empty and asks for an administrator; a demo start seeds once and reuses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-start-'));
    try {
      const lines: string[] = [];
      const base = { PORT: '0', HOST: '127.0.0.1', PASSAGE_DATA_DIR: dir, PASSAGE_WEB_DIST: '/nonexistent' };
      const prod = await startServer(loadConfig({ ...base, NODE_ENV: 'production' }), {
        logger: false,
        print: (l) => lines.push(l),
      });
      expect(await prod.db.selectFrom('app_user').selectAll().execute()).toEqual([]);
      expect(lines.join('\n')).toMatch(/create-admin/);
      const health = await fetch(`${prod.url}/readyz`);
      expect(health.status).toBe(200);
      await prod.close();

      const demoLines: string[] = [];
      const demo = await startServer(loadConfig({ ...base, PASSAGE_DEMO: 'true' }), {
        logger: false,
        print: (l) => demoLines.push(l),
      });
      expect(demoLines.join('\n')).toMatch(/seeded demo data/);
      const users = await demo.db.selectFrom('app_user').select('username').orderBy('username').execute();
      expect(users.map((u) => u.username)).toContain('clinician');
      await demo.close();

      const againLines: string[] = [];
      const again = await startServer(loadConfig({ ...base, PASSAGE_DEMO: 'true' }), {
        logger: false,
        print: (l) => againLines.push(l),
      });
      expect(againLines.join('\n')).toMatch(/reusing existing demo data/);
      const patients = await again.db
        .selectFrom('fhir_resource')
        .select('id')
        .where('type', '=', 'Patient')
        .execute();
      expect(patients).toHaveLength(200);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
