import { defineConfig } from 'vite';
import { spaConfig } from '../frontend-common/vite.shared.ts';

// Plugins, aliases and build settings are shared with the admin panel (frontend-common/vite.shared.ts).
// Served at / by nginx; `npm run dev` serves it on :5173 with /api proxied to :3000.
export default defineConfig(
  spaConfig({
    appDir: new URL('.', import.meta.url),
    base: '/',
    port: 5173,
    // The largest chunk, `klineEcharts`, is ~600 kB (~205 kB gzipped), right at Vite's 600 kB default:
    // ECharts core with only the candlestick / bar / line charts, the components the K-line chart
    // uses and the canvas renderer (src/charts/klineEcharts.ts), plus vue-echarts. Nothing more can
    // be shaken off, and it is loaded lazily, only by the stock detail page, so it never delays the
    // first screen. The limit sits just above it: any other chunk this large still warns, and so
    // does this one if it grows by ~50 kB (e.g. a new ECharts part registered).
    chunkSizeWarningLimit: 650,
  }),
);
