import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import compression from 'compression';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressedStatic } from './static-assets.js';

const JS = 'export const answer = 42;\n'.repeat(200);

describe('precompressedStatic', () => {
  let dir: string;
  let app: express.Express;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zhice-static-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets/app-abc123.js'), JS);
    writeFileSync(path.join(dir, 'assets/app-abc123.js.br'), brotliCompressSync(JS));
    writeFileSync(path.join(dir, 'assets/app-abc123.js.gz'), gzipSync(JS));
    writeFileSync(path.join(dir, 'assets/only-gzip.css'), 'a{color:red}'.repeat(200));
    writeFileSync(path.join(dir, 'assets/only-gzip.css.gz'), gzipSync('a{color:red}'.repeat(200)));
    writeFileSync(path.join(dir, 'assets/plain.svg'), '<svg/>');
    app = express();
    // as in bootstrap.ts: on-the-fly compression in front, the precompressed files, then the plain ones
    app.use(compression());
    app.use(precompressedStatic(dir));
    app.use(express.static(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends the brotli file to a client that takes br, with the original type and immutable caching', async () => {
    const res = await request(app).get('/assets/app-abc123.js').set('Accept-Encoding', 'gzip, deflate, br').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(JS); // supertest decodes br: the body is the file, encoded once (not again by compression())
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await request(app).get('/assets/app-abc123.js').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(JS);
    const css = await request(app).get('/assets/only-gzip.css').set('Accept-Encoding', 'br, gzip');
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const plain = await request(app).get('/assets/app-abc123.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(plain.text).toBe(JS);
  });

  it('leaves files without variants, other methods and unknown paths to the next handlers', async () => {
    const svg = await request(app).get('/assets/plain.svg').set('Accept-Encoding', 'br');
    expect(svg.status).toBe(200);
    expect(svg.headers['content-encoding']).toBeUndefined();
    expect((await request(app).get('/assets/missing.js').set('Accept-Encoding', 'br')).status).toBe(404);
    expect((await request(app).post('/assets/app-abc123.js').set('Accept-Encoding', 'br')).status).toBe(404);
    // the variant files themselves are not a way around the negotiation
    expect((await request(app).get('/assets/app-abc123.js.br.br')).status).toBe(404);
  });
});
