import { defineConfig } from 'vite';
import { spaConfig } from '../frontend-common/vite.shared.ts';
import { earlyRoutes } from './src/router/early.ts';

// Plugins, aliases and build settings are shared with the member app (frontend-common/vite.shared.ts).
// Served under /admin/ by nginx; `npm run dev` serves it on :5174 with /api proxied to :3000.
export default defineConfig(
  spaConfig({
    appDir: new URL('.', import.meta.url),
    base: '/admin/',
    port: 5174,
    early: { tokenKey: 'zhice.admin.accessToken', routes: earlyRoutes },
  }),
);
