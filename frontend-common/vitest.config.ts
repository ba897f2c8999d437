import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

const shared = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));

export default defineConfig({
  plugins: [
    vue(),
    // The shared components' Element Plus tags resolve as in the apps (vite.shared.ts), so specs mount them for real.
    Components({ resolvers: [ElementPlusResolver()], dirs: [], dts: false }),
  ],
  resolve: {
    alias: { '@zhice/shared': shared },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    restoreMocks: true,
    // Element Plus' on-demand imports pull in CSS files; let Vite (not Node) load them.
    server: { deps: { inline: [/element-plus/] } },
  },
});
