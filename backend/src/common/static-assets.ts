import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Variants the SPA build writes beside a file (frontend-common/vite.shared.ts: `precompress`). */
const ENCODINGS = ['br', 'gzip'] as const;
type Variants = Partial<Record<(typeof ENCODINGS)[number], string>>;
const EXTENSION: Record<(typeof ENCODINGS)[number], string> = { br: '.br', gzip: '.gz' };

/** Cache-Control for a served file: hashed build output (`/assets/…`) never changes under its name. */
export function assetCacheControl(file: string): string {
  return file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

/** Every file under `dir` that has a `.br` or `.gz` beside it, by its URL path (`/assets/x.js`). */
function scan(dir: string): Map<string, Variants> {
  const found = new Map<string, Variants>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) {
        walk(rel);
        continue;
      }
      const match = /^(.*)\.(br|gz)$/.exec(rel);
      if (!match) continue;
      const url = `/${match[1]}`;
      const variants = found.get(url) ?? {};
      variants[match[2] === 'br' ? 'br' : 'gzip'] = path.join(dir, rel);
      found.set(url, variants);
    }
  };
  walk('');
  return found;
}

/**
 * Serves the SPA build's precompressed files: `/assets/x.js` goes out as `x.js.br` (or `.gz`)
 * when the client accepts it, with the original file's type, `Content-Encoding`,
 * `Vary: Accept-Encoding` and the same caching as the plain file. Brotli at its best level,
 * written once at build time, is ~20 % smaller than on-the-fly gzip and costs no CPU per request
 * (`compression()` skips a response that already has a `Content-Encoding`). Anything without
 * variants, or a client that takes neither encoding, falls through to the static handler.
 * The folder is read once, when the app starts (a build replaces dist/ and restarts the app).
 */
export function precompressedStatic(dir: string): RequestHandler {
  const files = scan(dir);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const variants = files.get(req.path);
    if (!variants) return next();
    res.vary('Accept-Encoding');
    // Ours in order of preference (smallest first), not the client's listing order ("gzip, deflate, br").
    const encoding = ENCODINGS.find((e) => variants[e] && req.acceptsEncodings(e) === e);
    if (!encoding) return next();
    const file = variants[encoding] as string;
    const original = file.slice(0, -EXTENSION[encoding].length);
    res.type(path.extname(original));
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Cache-Control', assetCacheControl(original));
    res.sendFile(file, { cacheControl: false, dotfiles: 'deny' }, (err?: Error) => {
      if (err && !res.headersSent) next(err);
    });
  };
}
