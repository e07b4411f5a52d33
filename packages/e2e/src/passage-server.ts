/** Starts the real Passage server in demo mode on a fresh embedded database, on a free port. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer, type RunningServer } from '@passage/server';

export async function startDemoServer(): Promise<RunningServer & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passage-e2e-'));
  const config = loadConfig({
    PORT: '0',
    ...pick(process.env, ['PASSAGE_WEB_DIST']),
    PASSAGE_DATA_DIR: dataDir,
    PASSAGE_DEMO: 'true',
    PASSAGE_LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  });
  const server = await startServer({ ...config, port: 0 }, { logger: false, print: () => undefined });
  return {
    ...server,
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function pick(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => env[k] !== undefined).map((k) => [k, env[k] as string]));
}
