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

describe('production profile (issue 10 item 9)', () => {
  const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/zhice', DATA_SECRET_KEY: 'Vb3k9QmZr7Lp2XwT5nHs8JdFa4GcYe6U' };
  it('refuses low-entropy and placeholder secrets', () => {
    for (const bad of ['changeme-changeme-changeme-changeme', 'a'.repeat(48), 'abababababababababababababababab', 'your-secret-here-0123456789abcdefgh', 'x'.repeat(10)]) {
      expect(() => loadConfig({ ...prod, DATA_DIR: tmp(), JWT_SECRET: bad }), bad).toThrow(/JWT_SECRET must be a real secret/);
    }
    expect(loadConfig({ ...prod, DATA_DIR: tmp(), JWT_SECRET: 'q8Zr1Xv4Nw7Lb2Tc5Hy9Kd3Mf6Pg0SjA' }).jwtSecret).toHaveLength(32);
  });
  it('docs off, no proxy trusted and /metrics needing a token unless configured', () => {
    const c = loadConfig({ ...prod, DATA_DIR: tmp(), JWT_SECRET: 'q8Zr1Xv4Nw7Lb2Tc5Hy9Kd3Mf6Pg0SjA' });
    expect(c.apiDocsEnabled).toBe(false);
    expect(c.trustProxy).toBe(false);
    expect(c.metricsToken).toBeNull();
    const on = loadConfig({ ...prod, DATA_DIR: tmp(), JWT_SECRET: 'q8Zr1Xv4Nw7Lb2Tc5Hy9Kd3Mf6Pg0SjA', API_DOCS: 'true', TRUST_PROXY: '172.16.0.0/12', METRICS_TOKEN: 'metrics-token-0123456789' });
    expect(on).toMatchObject({ apiDocsEnabled: true, trustProxy: '172.16.0.0/12', metricsToken: 'metrics-token-0123456789' });
    expect(loadConfig({ DATA_DIR: tmp() }).apiDocsEnabled).toBe(true);
  });
});
