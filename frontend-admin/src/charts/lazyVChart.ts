import { defineAsyncComponent } from 'vue';

/**
 * vue-echarts with the admin panel's bar-chart parts (charts/echarts.ts), as a chunk of its own that
 * loads when a chart is about to render: ECharts' core (~450 KB) then stays out of the dashboard's
 * first evaluation, and its text and figures paint first. Call `loadVChart()` early (setup) so the
 * download runs in parallel with the data requests.
 */
export const loadVChart = () => Promise.all([import('vue-echarts'), import('./echarts')]).then(([m]) => m.default);
export const LazyVChart = defineAsyncComponent(loadVChart);
