// Chart.js, with only what the dashboard draws (bars, their axes, the tooltip): its own chunk,
// loaded by the dashboard alone. It draws on a canvas and sets the canvas's size through the DOM
// (element.style), which the strict CSP allows; it injects no style element.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { LABEL_FONT_PX } from './chart-layout.ts';
import type { ChartSpec } from './dashboard-model.ts';
import { formatNumber } from './dashboard-model.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** The colours and font of the page's stylesheet, read where the chart stands. */
export interface ChartLook {
  text: string;
  grid: string;
  fontFamily: string;
  colour: (tone: string) => string;
}

const valueText = (unit: ChartSpec['unit'], value: number) =>
  unit === 'percent' ? `${formatNumber(value)}%` : unit === 'days' ? `${formatNumber(value)} ${value === 1 ? 'dag' : 'dagen'}` : formatNumber(value);

export interface DrawnChart {
  /** Other lines for the same categories (the labels wrapped to a new width). */
  relabel(labels: string[][]): void;
  destroy(): void;
}

/**
 * Draws a bar chart of the spec's numbers, its categories labelled with `labels` (their lines, as
 * chart-layout.ts wrapped them); a `null` is no bar. Destroy it when the page goes.
 */
export function drawBarChart(canvas: HTMLCanvasElement, spec: ChartSpec, labels: string[][], look: ChartLook): DrawnChart {
  const horizontal = spec.orientation === 'horizontal';
  Chart.defaults.font.family = look.fontFamily;
  Chart.defaults.font.size = LABEL_FONT_PX;
  Chart.defaults.color = look.text;
  const valueAxis = {
    stacked: spec.stacked,
    beginAtZero: true,
    ...(spec.max === undefined ? {} : { suggestedMax: spec.max }),
    grid: { color: look.grid },
    ticks: { precision: 0, callback: (value: number | string) => valueText(spec.unit, Number(value)) },
  };
  const categoryAxis = { stacked: spec.stacked, grid: { display: false }, ticks: { autoSkip: false } };
  // A label of one line as a string: Chart.js draws an array as lines.
  const asLabels = (lines: string[][]) => lines.map((label) => (label.length === 1 ? label[0]! : label));
  const chart = new Chart<'bar', (number | null)[], string | string[]>(canvas, {
    type: 'bar',
    data: {
      labels: asLabels(labels),
      datasets: spec.series.map((series) => ({
        label: series.label,
        data: series.values,
        backgroundColor: look.colour(series.tone),
        // A white line between stacked parts, so neighbouring colours stay apart.
        borderColor: '#ffffff',
        borderWidth: spec.stacked ? 1 : 0,
        maxBarThickness: 40,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: 'nl-NL',
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => items.map((item) => [item.label].flat().join(' ')),
            label: (item) => `${item.dataset.label}: ${valueText(spec.unit, Number(horizontal ? item.parsed.x : item.parsed.y))}`,
          },
        },
      },
    },
  });
  return {
    relabel(lines) {
      chart.data.labels = asLabels(lines);
      chart.update();
    },
    destroy: () => chart.destroy(),
  };
}
