// Registers only the ECharts parts the signals stats chart uses (tree-shaken; this page's chunk only).
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';

use([CanvasRenderer, BarChart, GridComponent, LegendComponent, TooltipComponent]);
