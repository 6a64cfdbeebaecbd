/**
 * The parts of ECharts the reports use, registered once: importing `echarts` whole would add
 * about 1 MB to the page. Only ReportChart.vue imports this file, and the view loads that
 * component lazily, so the charts' code arrives after the first figures.
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);
