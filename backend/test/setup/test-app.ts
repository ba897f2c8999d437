import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import { createApp, keepAliveLongerThanClients } from '../../src/bootstrap.js';
import { Clock, FakeClock } from '../../src/common/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { SeedRunner } from '../../src/database/seeds/seed-runner.js';
import { cloneTemplateDatabase } from './database.js';

export const ADMIN = { username: 'admin', password: 'Admin-pass-123' };

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  clock: FakeClock;
  config: AppConfig;
  db: pg.Pool;
  /** fetch against /api/v1 with JSON in and out. */
  api: (method: string, route: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string }) => Promise<{ status: number; body: any; headers: Headers }>;
  loginAs: (username: string, password: string) => Promise<{ accessToken: string; refreshToken: string; user: any }>;
  registerMember: (username: string, extra?: Record<string, unknown>) => Promise<{ accessToken: string; refreshToken: string; user: any }>;
  close: () => Promise<void>;
}

/**
 * The real app on a real (cloned) database, listening on a free port, with a fake clock.
 * Nothing of ours is mocked; only time is controlled.
 */
export async function startTestApp(env: Record<string, string> = {}, opts: { seed?: boolean } = {}): Promise<TestApp> {
  const database = await cloneTemplateDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'zhice-test-data-')),
    DATABASE_URL: database.url,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    REGISTER_RATE_LIMIT_PER_HOUR: '100000',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'false',
    ...env,
  });
  const clock = new FakeClock(new Date('2026-03-02T02:00:00.000Z'));
  const app = await createApp({
    config,
    databaseUrl: database.url,
    serveSpas: false,
    build: async (module, options) => {
      const moduleRef = await Test.createTestingModule({ imports: [module] }).overrideProvider(Clock).useValue(clock).compile();
      return moduleRef.createNestApplication<NestExpressApplication>(options);
    },
  });
  await app.init();
  if (opts.seed !== false) await app.get(SeedRunner).runAll();
  await app.listen(0, '127.0.0.1');
  keepAliveLongerThanClients(app.getHttpServer());
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const db = new pg.Pool({ connectionString: database.url, max: 3 });

  const api: TestApp['api'] = async (method, route, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.raw;
    if (o.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.body);
    } else if (o.raw !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${baseUrl}/api/v1${route}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const loginAs: TestApp['loginAs'] = async (username, password) => {
    const r = await api('POST', '/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const registerMember: TestApp['registerMember'] = async (username, extra = {}) => {
    const r = await api('POST', '/auth/register', { body: { username, password: 'member-pass-1', riskAck: true, ...extra } });
    if (r.status !== 201) throw new Error(`register ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    app,
    baseUrl,
    clock,
    config,
    db,
    api,
    loginAs,
    registerMember,
    async close() {
      await db.end();
      await app.close();
      await database.drop();
    },
  };
}
