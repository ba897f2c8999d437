import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.spec.ts'],
      restoreMocks: true,
      // Element Plus' on-demand imports pull in CSS files; let Vite (not Node) load them.
      server: { deps: { inline: [/element-plus/] } },
    },
  }),
);
