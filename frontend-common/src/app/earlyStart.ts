/**
 * Early start: what a cold load of a known page can begin before the entry chunk has even arrived.
 *
 * Without it a page's requests form a chain: HTML → entry chunk (download, run) → the route's chunks
 * and the page's API calls → mount. The build (`earlyStart` in vite.shared.ts) writes a small inline
 * script into index.html that runs `earlyRun` while the HTML is parsed: for the page being opened
 * it adds `modulepreload`/`preload` links for the route's chunks and CSS, and — for a signed-in
 * visitor — starts the page's first GET requests. The HTTP client's transport then takes those
 * answers (`takeEarlyResponse`) instead of sending the same requests again, so everything after
 * the entry chunk overlaps with its download.
 *
 * This file is imported by the Vite config (to serialise `earlyRun` into the page) and by the app
 * (the transport): it imports nothing.
 */

/** The API's base path: the HTTP client's default and where the early script sends its GETs. */
export const API_BASE = '/api/v1';

/** One page the early script knows: its path, the chunks it needs and its first GET requests. */
export interface EarlyRoute {
  /** matched against `location.pathname` (below the app's base) */
  path: RegExp;
  /**
   * The route's components as source paths below the app's folder (`src/views/…vue`): the build
   * replaces them by their chunks, with the chunks and CSS those import.
   */
  modules: readonly string[];
  /**
   * GET requests (paths below the API base, query included) the page sends first, when signed in.
   * `{1}` … stand for the path's capture groups. They must be written exactly as the API client
   * writes them (`url` + its query string), or they are sent twice.
   */
  get?: readonly string[];
}

/** What `earlyRun` receives (JSON in the page). */
export interface EarlyConfig {
  /** localStorage key of the access token (the app's session prefix + `.accessToken`) */
  tokenKey: string;
  /** localStorage key of the chosen UI language, its allowed values and default */
  localeKey: string;
  locales: readonly string[];
  defaultLocale: string;
  /** the API's base path, e.g. `/api/v1` */
  apiBase: string;
  /** the app's base path, e.g. `/admin/` (stripped from `location.pathname` before matching) */
  base: string;
  routes: readonly { path: string; js: readonly string[]; css: readonly string[]; get: readonly string[] }[];
}

/** One answer started early, as the page holds it until the transport takes it. */
export interface EarlyRequest {
  /** the Authorization and Accept-Language headers it was sent with */
  authorization: string;
  language: string;
  /** Date.now() when it was sent */
  at: number;
  response: Promise<Response>;
}

declare global {
  interface Window {
    __zhiceEarly?: Record<string, EarlyRequest>;
  }
}

/** An early answer older than this is not handed out (the page took too long to ask for it). */
export const EARLY_MAX_AGE_MS = 15_000;

/**
 * Runs in the page, before any module: serialised into index.html with `String(earlyRun)`, so it
 * must stay self-contained (no imports, no closures) and never throw.
 */
export function earlyRun(config: EarlyConfig): void {
  try {
    let path = location.pathname;
    if (config.base !== '/' && path.startsWith(config.base)) path = '/' + path.slice(config.base.length);
    else if (config.base !== '/' && path === config.base.slice(0, -1)) path = '/';
    for (const route of config.routes) {
      const match = new RegExp(route.path).exec(path);
      if (!match) continue;
      const link = (rel: string, href: string, as?: string) => {
        const el = document.createElement('link');
        el.rel = rel;
        el.href = href;
        el.crossOrigin = '';
        if (as) el.as = as;
        document.head.appendChild(el);
      };
      for (const href of route.js) link('modulepreload', href);
      for (const href of route.css) link('preload', href, 'style');
      const token = localStorage.getItem(config.tokenKey);
      if (!token || !route.get.length) return;
      const stored = localStorage.getItem(config.localeKey);
      const language = stored && config.locales.includes(stored) ? stored : config.defaultLocale;
      const authorization = `Bearer ${token}`;
      const early: Record<string, EarlyRequest> = {};
      for (const template of route.get) {
        const url = template.replace(/\{(\d+)\}/g, (_, i: string) => encodeURIComponent(match[Number(i)] ?? ''));
        const response = fetch(config.apiBase + url, {
          headers: { Accept: 'application/json, text/plain, */*', Authorization: authorization, 'Accept-Language': language },
          credentials: 'same-origin',
        });
        response.catch(() => undefined); // taken (and its failure seen) by the transport, or dropped
        early[url] = { authorization, language, at: Date.now(), response };
      }
      window.__zhiceEarly = early;
      return;
    }
  } catch {
    // storage blocked, an odd URL: the app simply starts without help
  }
}

/**
 * The early answer for a GET of `url` (below the API base, query included), once: only when it was
 * sent with the same Authorization and Accept-Language as `headers` and is recent; otherwise
 * undefined (and the transport sends the request itself).
 */
export function takeEarlyResponse(url: string, headers: Headers, now = Date.now()): Promise<Response> | undefined {
  const all = typeof window === 'undefined' ? undefined : window.__zhiceEarly;
  const hit = all?.[url];
  if (!all || !hit) return undefined;
  delete all[url];
  if (hit.authorization !== headers.get('Authorization') || hit.language !== headers.get('Accept-Language')) return undefined;
  return now - hit.at <= EARLY_MAX_AGE_MS ? hit.response : undefined;
}
