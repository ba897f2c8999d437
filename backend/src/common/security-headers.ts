import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The CSP sources (`'sha256-…'`) that allow the inline scripts of the given HTML files, e.g. the
 * SPAs' early-start script (frontend-common/src/app/earlyStart.ts), so `script-src` can stay
 * `'self'` plus exactly those scripts. Missing files (SPAs not built) give nothing.
 */
export function inlineScriptHashes(htmlFiles: readonly string[]): string[] {
  const hashes = new Set<string>();
  for (const file of htmlFiles) {
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
      if (/\ssrc\s*=/i.test(m[1] ?? '') || !m[2]) continue;
      hashes.add(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes];
}

/**
 * A header middleware whose headers do not depend on the request (helmet with static options), run
 * once at boot and replayed: the same `setHeader`/`removeHeader` calls in the same order, from one
 * function instead of a chain of twelve, on every request. Fails at boot if the middleware does
 * anything else with the response, or does not call `next` synchronously (then it is not static).
 */
export function replayStaticHeaders(middleware: RequestHandler): RequestHandler {
  const set: Array<[string, string | number | readonly string[]]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  };
  const request = new Proxy({}, { get: (_t, key) => { throw new Error(`the header middleware reads the request (${String(key)}): it is not static`); } });
  let nextCalled = false;
  middleware(request as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    nextCalled = true;
  });
  if (!nextCalled) throw new Error('the header middleware did not call next synchronously: it is not static');
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
