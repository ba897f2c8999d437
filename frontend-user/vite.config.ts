import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

const src = fileURLToPath(new URL('./src', import.meta.url));
const shared = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
const common = fileURLToPath(new URL('../frontend-common/src', import.meta.url));

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Only Element Plus' function APIs (ElMessage, ElMessageBox …) are auto-imported, with their styles.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: 'src/auto-imports.d.ts' }),
    // Element Plus components used in templates are imported on demand, with their CSS.
    Components({ resolvers: [ElementPlusResolver()], dirs: [], dts: 'src/components.d.ts' }),
  ],
  resolve: {
    alias: {
      '@zhice/shared': shared,
      // Source-only package shared by both SPAs (no build step).
      '@zhice/frontend-common': common,
      '@': src,
    },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Views are lazy routes; ECharts (tree-shaken) lands in the dashboard's chunk only.
    chunkSizeWarningLimit: 600,
  },
});
