import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { replayStaticHeaders } from './security-headers.js';

const HELMET = () =>
  helmet({
    contentSecurityPolicy: { useDefaults: true, directives: { 'img-src': ["'self'", 'data:'], 'script-src': ["'self'"] } },
    crossOriginEmbedderPolicy: false,
  });

async function headersWith(mw: RequestHandler) {
  const app = express();
  app.use((_req, res, next) => {
    res.setHeader('X-Powered-By', 'Express');
    next();
  });
  app.use(mw);
  app.get('/x', (_req, res) => void res.json({ ok: 1 }));
  const res = await request(app).get('/x');
  const { date: _d, etag: _e, ...rest } = res.headers as Record<string, string>;
  return rest;
}

describe('replayStaticHeaders', () => {
  it('sets exactly the headers helmet sets, and removes what it removes', async () => {
    const direct = await headersWith(HELMET());
    const replayed = await headersWith(replayStaticHeaders(HELMET()));
    expect(replayed).toEqual(direct);
    expect(replayed['content-security-policy']).toContain("img-src 'self' data:");
    expect(replayed['x-powered-by']).toBeUndefined();
  });

  it('refuses a middleware that reads the request or does not call next', () => {
    expect(() => replayStaticHeaders((req, _res, next) => (req.headers, next()))).toThrow(/reads the request/);
    expect(() => replayStaticHeaders(() => undefined)).toThrow(/did not call next/);
  });
});
