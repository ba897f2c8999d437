import { defineConfig } from 'vite';
import { spaConfig } from '../frontend-common/vite.shared.ts';
import { earlyRoutes } from './src/router/early.ts';

// Plugins, aliases and build settings are shared with the admin panel (frontend-common/vite.shared.ts).
// Served at / by nginx; `npm run dev` serves it on :5173 with /api proxied to :3000.
export default defineConfig(
  spaConfig({
    appDir: new URL('.', import.meta.url),
    base: '/',
    port: 5173,
    splitUi: true,
    early: { tokenKey: 'zhice.user.accessToken', routes: earlyRoutes },
  }),
);
