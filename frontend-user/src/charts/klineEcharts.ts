// Registers only the ECharts parts the stock detail charts use (tree-shaken; that page's chunk only):
// candlestick + bar + line series, grid, tooltip (with the cross axis pointer), the plain legend (no
// scrollable one), inside + slider dataZoom, BUY/SELL markPoints, and the canvas renderer.
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, CandlestickChart, LineChart } from 'echarts/charts';
import { AxisPointerComponent, DataZoomComponent, GridComponent, LegendPlainComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';

use([CanvasRenderer, CandlestickChart, BarChart, LineChart, GridComponent, TooltipComponent, LegendPlainComponent, DataZoomComponent, MarkPointComponent, AxisPointerComponent]);
