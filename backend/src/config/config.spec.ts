import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'zhice-config-'));

describe('loadConfig', () => {
  it('gives safe development defaults and persists a generated JWT secret', () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.databaseUrl).toBeNull();
    expect(a.demoData).toBe(true);
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(b.jwtSecret).toBe(a.jwtSecret);
  });

  it('DEMO_DATA defaults on only when no real source is configured (an explicit value wins)', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).demoData).toBe(true);
    expect(loadConfig({ DATA_DIR: tmp(), TUSHARE_TOKEN: 'a'.repeat(40) }).demoData).toBe(false);
    expect(loadConfig({ DATA_DIR: tmp(), AKTOOLS_URL: 'http://127.0.0.1:8080' }).demoData).toBe(false);
    expect(loadConfig({ DATA_DIR: tmp(), AKTOOLS_URL: 'http://127.0.0.1:8080', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('refuses to start in production without real secrets, listing every problem', () => {
    let message = '';
    try {
      loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp(), JWT_SECRET: 'changeme' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('JWT_SECRET must be a real secret');
    expect(message).toContain('DATA_SECRET_KEY is required');
    expect(message).toContain('DATABASE_URL is required');
  });

  it('rejects malformed values with the key named', () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), PORT: 'abc' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ DATA_DIR: tmp(), DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must use/);
    expect(() => loadConfig({ DATA_DIR: tmp(), DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA must be true or false/);
  });

  it('accepts a full production configuration', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: tmp(),
      JWT_SECRET: 'k3J9vQ2mX8pL4nR7tY1wZ5bC6dF0gH2j',
      DATA_SECRET_KEY: 'Q8wE4rT6yU1iO3pA5sD7fG9hJ2kL4zX6',
      DATABASE_URL: 'postgres://u:p@db:5432/zhice',
    });
    expect(c.demoData).toBe(false);
    expect(c.logLevel).toBe('info');
  });
});
