import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database in demo mode on port 8080', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.database.kind).toBe('pglite');
    expect(c.demo).toBe(true);
  });

  it('never turns demo mode on by itself in production or with a server database', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', PASSAGE_DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).cookieSecure).toBe(true);
  });

  it('lists every problem of an invalid environment', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PASSAGE_DEMO: 'maybe' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toHaveLength(3);
      expect((err as ConfigError).message).toMatch(/PORT/);
    }
  });
});
