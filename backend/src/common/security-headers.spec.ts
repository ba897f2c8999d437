import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inlineScriptHashes, replayStaticHeaders } from './security-headers.js';

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

describe('inlineScriptHashes', () => {
  it("hashes each inline script's exact text (as browsers do), skips external scripts and missing files", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-'));
    const a = path.join(dir, 'a.html');
    const b = path.join(dir, 'b.html');
    const early = '(function earlyRun(c){ if (a < b) go(); })({"x":1})';
    writeFileSync(a, `<html><head><script type="module" crossorigin src="/assets/index.js"></script>\n<script>${early}</script></head><body><script>\n  two()\n</script></body></html>`);
    writeFileSync(b, `<script>${early}</script>`);
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(inlineScriptHashes([a, b, path.join(dir, 'missing.html')])).toEqual([sha(early), sha('\n  two()\n')]);
    expect(inlineScriptHashes([])).toEqual([]);
  });
});
