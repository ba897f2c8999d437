// Vite (and Vitest) configuration both SPAs share. Each app's vite.config.ts imports this file by
// relative path; Vite bundles a config together with the local files it imports, so this works
// without a build step, and the bare imports below resolve from the repository's node_modules.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin, UserConfig } from 'vite';
import type { TestUserConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { API_BASE, earlyRun, type EarlyConfig, type EarlyRoute } from './src/app/earlyStart.ts';
import { DEFAULT_LOCALE, LOCALE_STORAGE_KEY, LOCALES } from './src/locales/index.ts';
import AutoImport from 'unplugin-auto-import/vite';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

export interface SpaConfigOptions {
  /** the app's folder, e.g. `new URL('.', import.meta.url)` in its vite.config.ts */
  appDir: URL;
  /** public base path: '/' (member app) or '/admin/' (admin panel), as nginx serves them */
  base: string;
  /** `vite` dev server port; /api is proxied to the API on :3000 */
  port: number;
  /** kB; see the app's vite.config.ts for why it differs from Vite's default */
  chunkSizeWarningLimit?: number;
  /**
   * Element Plus split by use (`ui` + `ui-more` + per page, see below) instead of one `ui` chunk.
   * The member app's pages use few components; nearly every admin page is a PagedTable list, so
   * the admin panel keeps one chunk (split, its users page measured ~10 points lower).
   */
  splitUi?: boolean;
  /**
   * The pages a cold load can start early (src/app/earlyStart.ts): their chunks are preloaded and,
   * for a signed-in visitor, their first GET requests sent by an inline script in index.html.
   */
  early?: { tokenKey: string; routes: readonly EarlyRoute[] };
}

/**
 * V8's explicit compile hint (Chrome 136+): a file that starts with this comment is compiled whole,
 * on a background thread while it streams in, instead of function by function on the main thread at
 * each first call. Worth it only for code that runs on load: the entry and the start's chunks
 * (START_CHUNKS: Vue, router, i18n, the app's start, the Element Plus parts every page uses). Measured on the member login page
 * (Lighthouse mobile, paired runs): the mount task 45 → 27 ms of CPU, TBT ~100–250 ms lower.
 * Other browsers ignore it (it is a comment).
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * The chunks every first load evaluates, besides the entry: the start's stages (main.ts loads them
 * in turn with `startInStages`: `vue` — Vue —, `router` — vue-router, Pinia —, `i18n` — vue-i18n
 * and the messages —, `startApp` — the app's start-up code) and `ui`, the Element Plus parts every page
 * uses. index.html preloads them (with the chunks they import) and they get the compile hint.
 */
export const START_CHUNKS: readonly string[] = ['vue', 'router', 'i18n', 'startApp', 'ui'];

/** The chunks that get the compile hint: those every first page load evaluates. */
export function eagerlyCompiled(chunk: { name: string; isEntry: boolean }): boolean {
  return chunk.isEntry || START_CHUNKS.includes(chunk.name);
}

/**
 * Puts COMPILE_HINT on the first line of the chunks `eagerlyCompiled` picks: after minification
 * (which strips comments) and after Vite's own first line (`__vite__mapDeps`), as V8 looks for it
 * at the top of the file.
 */
export function compileHints(): Plugin {
  return {
    name: 'zhice-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && eagerlyCompiled(chunk)) chunk.code = COMPILE_HINT + chunk.code;
        }
      },
    },
  };
}

/**
 * The chunks `roots` need, each after the chunks it imports (the order they are evaluated in), with
 * their CSS; `skip` (file names, JS or CSS) is left out and not walked into, and every file listed
 * is added to it. Both index.html plugins below walk the bundle with it.
 */
function chunkClosure(bundle: NonNullable<IndexHtmlTransformContext['bundle']>, roots: readonly string[], skip: Set<string>): { js: string[]; css: string[] } {
  const js: string[] = [];
  const css: string[] = [];
  const walk = (fileName: string) => {
    const chunk = bundle[fileName];
    if (!chunk || chunk.type !== 'chunk' || skip.has(fileName)) return;
    skip.add(fileName);
    for (const i of chunk.imports) walk(i);
    js.push(fileName);
    for (const f of chunk.viteMetadata?.importedCss ?? []) {
      if (skip.has(f)) continue;
      skip.add(f);
      css.push(f);
    }
  };
  for (const root of roots) walk(root);
  return { js, css };
}

/**
 * Writes the early-start script (src/app/earlyStart.ts) into index.html: `earlyRun` with, for each
 * early route, the files its components need — their chunks and the chunks and CSS those import,
 * less what index.html loads anyway (the entry and START_CHUNKS, see preloadSharedChunks). A module without a chunk of its own fails
 * the build, so the table cannot silently go stale. The API's Content-Security-Policy allows the
 * script by its hash (backend/src/common/security-headers.ts reads it from the built page).
 */
export function earlyStart(appDir: URL, base: string, early: NonNullable<SpaConfigOptions['early']>): Plugin {
  return {
    name: 'zhice-early-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle ?? {};
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        // what index.html loads anyway: the entry and the start's chunks (preloadSharedChunks)
        const loaded = new Set<string>();
        chunkClosure(bundle, chunks.filter((c) => c.isEntry || START_CHUNKS.includes(c.name)).map((c) => c.fileName), loaded);
        const routes = early.routes.map((route) => {
          const roots = route.modules.map((module) => {
            const id = fileURLToPath(new URL(module, appDir));
            const chunk = chunks.find((c) => c.facadeModuleId === id) ?? chunks.find((c) => c.moduleIds.includes(id));
            if (!chunk) throw new Error(`earlyStart: ${module} (route ${route.path}) is in no chunk`);
            return chunk.fileName;
          });
          const { js, css } = chunkClosure(bundle, roots, new Set(loaded));
          return { path: route.path.source, js: js.map((f) => base + f), css: css.map((f) => base + f), get: [...(route.get ?? [])] };
        });
        const config: EarlyConfig = {
          tokenKey: early.tokenKey,
          localeKey: LOCALE_STORAGE_KEY,
          locales: LOCALES.map((l) => l.value),
          defaultLocale: DEFAULT_LOCALE,
          apiBase: API_BASE,
          base,
          routes,
        };
        const json = JSON.stringify(config).replace(/</g, '\\u003c');
        // Before the first stylesheet and script: an inline script after a stylesheet waits until that
        // has loaded (scripts may read styles), which held the route's chunks and the API requests
        // back until index.css was in.
        const script = `<script>(${String(earlyRun)})(${json})</script>\n    `;
        const at = html.search(/<link rel="stylesheet"|<script type="module"/);
        if (at < 0) throw new Error('earlyStart: index.html has no stylesheet or module script to put the early script before');
        return html.slice(0, at) + script + html.slice(at);
      },
    },
  };
}

/** Element Plus and the libraries only it uses. */
const UI_LIBS = /node_modules[\\/](?:element-plus|@element-plus|@popperjs|@floating-ui|lodash-es|lodash-unified|@ctrl|async-validator|@vueuse|normalize-wheel-es|dayjs|memoize-one|escape-html)[\\/]/;

/**
 * Writes `x.br` (brotli, best level) and `x.gz` (gzip -9) beside every emitted JS/CSS/SVG file of
 * 1 KB or more; the API serves them with `Content-Encoding` (backend/src/common/static-assets.ts):
 * ~20 % fewer bytes than on-the-fly gzip and no compression work per request.
 */
export function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'zhice-precompress',
    apply: 'build',
    async writeBundle(output, bundle) {
      const dir = output.dir ?? 'dist';
      const files = Object.keys(bundle).filter((f) => /\.(?:m?js|css|svg|json)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const body = await readFile(join(dir, f));
          if (body.length < 1024) return;
          await Promise.all([
            br(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }).then((b) => writeFile(join(dir, `${f}.br`), b)),
            gz(body, { level: 9 }).then((b) => writeFile(join(dir, `${f}.gz`), b)),
          ]);
        }),
      );
    },
  };
}

/**
 * Every page needs the `ui` chunk (Element Plus) and its CSS, but only a page's chunk imports it:
 * index.html names them for early download, in parallel with the entry instead of after it ran.
 * The CSS is preloaded, not linked, so it does not hold up the splash's first paint.
 */
export function preloadSharedChunks(base: string, names: readonly string[]): Plugin {
  return {
    name: 'zhice-preload-shared-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle ?? {};
        const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
        // what index.html already loads: the entry and its static imports (Vite links those itself)
        const done = new Set<string>(entry?.type === 'chunk' ? [entry.fileName, ...entry.imports] : []);
        const roots = names.flatMap((name) => Object.values(bundle).filter((c) => c.type === 'chunk' && !c.isEntry && c.name === name).map((c) => c.fileName));
        const { js, css } = chunkClosure(bundle, roots, done);
        const tags: HtmlTagDescriptor[] = [
          ...js.map((f): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: base + f }, injectTo: 'head' })),
          ...css.map((f): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: base + f }, injectTo: 'head' })),
        ];
        return tags;
      },
    },
  };
}

const path = (relative: string, base: URL | string = import.meta.url) => fileURLToPath(new URL(relative, base));

export function spaConfig(options: SpaConfigOptions): UserConfig {
  return {
    base: options.base,
    plugins: [
      vue(),
      // Only Element Plus' function APIs (ElMessage, ElMessageBox …) are auto-imported, with their styles.
      AutoImport({ resolvers: [ElementPlusResolver()], dts: 'src/auto-imports.d.ts' }),
      // Element Plus components used in templates are imported on demand, with their CSS.
      Components({ resolvers: [ElementPlusResolver()], dirs: [], dts: 'src/components.d.ts' }),
      preloadSharedChunks(options.base, START_CHUNKS),
      compileHints(),
      ...(options.early ? [earlyStart(options.appDir, options.base, options.early)] : []),
      precompress(),
    ],
    resolve: {
      alias: {
        '@zhice/shared': path('../shared/src/index.ts'),
        // Source-only package shared by both SPAs (no build step).
        '@zhice/frontend-common': path('./src', import.meta.url),
        '@': path('./src', options.appDir),
        // vue-i18n without its message-format compiler: createSpaI18n passes our own
        // (src/locales/messageCompiler.ts, `{name}` placeholders only).
        'vue-i18n': path('../node_modules/vue-i18n/dist/vue-i18n.runtime.esm-bundler.js'),
      },
    },
    define: {
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
      // drops the message-format parser from @intlify/core-base (our messageCompiler replaces it)
      __INTLIFY_DROP_MESSAGE_COMPILER__: true,
    },
    server: {
      port: options.port,
      proxy: { '/api': 'http://localhost:3000' },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Views are lazy routes; ECharts (tree-shaken) lands in its page's chunk only.
      chunkSizeWarningLimit: options.chunkSizeWarningLimit ?? 600,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              // Everything main.ts needs before the first page: one file instead of a dozen.
              { name: 'boot', tags: ['$initial'], priority: 3 },
              // The start's stages (START_CHUNKS): each chunk is evaluated in a task of its own.
              { name: 'vue', test: /node_modules[\\/](?:@vue|vue)[\\/]|[\\/]app[\\/]framework\.ts$/, priority: 2 },
              { name: 'router', test: /node_modules[\\/](?:vue-router|pinia)[\\/]|[\\/]app[\\/]frameworkRouter\.ts$/, priority: 2 },
              { name: 'i18n', test: /node_modules[\\/](?:vue-i18n|@intlify)[\\/]|[\\/]locales[\\/]|[\\/](?:[\w-]+-)?i18n\.ts$/, priority: 2 },
              // Element Plus and its helpers by how many pages use them, instead of ~30 small files
              // per page or one file every page evaluates whole: `ui` (+ CSS) holds what at least
              // 5 route chunks import (buttons, forms, cards, tags …; index.html preloads it),
              // `ui-more` what 2–4 do (selects, dialogs, poppers); a component only one page uses
              // (the member app's table, the K-line's radio group) stays in that page's chunk.
              ...(options.splitUi
                ? [
                    { name: 'ui', test: UI_LIBS, priority: 1, minShareCount: 5 },
                    { name: 'ui-more', test: UI_LIBS, priority: 0, minShareCount: 2 },
                  ]
                : [{ name: 'ui', test: UI_LIBS, priority: 1 }]),
            ],
          },
        },
      },
    },
  };
}

/** Vitest settings both SPAs use (merged over their Vite config in vitest.config.ts). */
export const spaTestConfig: TestUserConfig = {
  environment: 'happy-dom',
  include: ['src/**/*.spec.ts'],
  restoreMocks: true,
  // Element Plus' on-demand imports pull in CSS files; let Vite (not Node) load them.
  server: { deps: { inline: [/element-plus/] } },
};
