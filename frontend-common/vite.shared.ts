// Vite (and Vitest) configuration both SPAs share. Each app's vite.config.ts imports this file by
// relative path; Vite bundles a config together with the local files it imports, so this works
// without a build step, and the bare imports below resolve from the repository's node_modules.
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';
import type { TestUserConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
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
    ],
    resolve: {
      alias: {
        '@zhice/shared': path('../shared/src/index.ts'),
        // Source-only package shared by both SPAs (no build step).
        '@zhice/frontend-common': path('./src', import.meta.url),
        '@': path('./src', options.appDir),
      },
    },
    define: {
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
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
