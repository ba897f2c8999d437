import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC instead of esbuild/oxc: Nest's DI needs emitDecoratorMetadata, which only SWC/tsc emit.
const shared = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias: { '@zhice/shared': shared } },
  test: {
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      {
        extends: true,
        // Generous: a loaded machine (CI neighbours) must not turn a slow unit into a failure.
        test: { name: 'unit', include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'], testTimeout: 30_000, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/**/*.int-spec.ts', 'test/**/*.int-spec.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000, // an app with demo data boots in ~10 s; a CI machine under heavy load needed > 120 s
          // Each file gets its own database cloned from the template; two cores, so two workers.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
