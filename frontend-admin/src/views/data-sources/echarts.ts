// Registers only the ECharts parts the coverage heat-map uses (tree-shaken; this page's chunk only).
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { HeatmapChart } from 'echarts/charts';
import { CalendarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';

use([CanvasRenderer, HeatmapChart, CalendarComponent, TooltipComponent, VisualMapComponent]);
