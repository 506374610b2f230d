import { useEffect, useRef, useState } from 'preact/hooks';
import { categoryLines, chartHeight, LABEL_FONT_PX, type Measure } from './chart-layout.ts';
import type { DrawnChart } from './chart-setup.ts';
import type { ChartSpec } from './dashboard-model.ts';

type Charting = typeof import('./chart-setup.ts');
let charting: Promise<Charting> | undefined;

/** Chart.js in its own chunk, fetched once; the dashboard starts this while it waits for its figures. */
export const loadCharting = () => (charting ??= import('./chart-setup.ts'));

/** Measures label text as the chart draws it (its font), on a canvas of its own. */
function textMeasure(fontFamily: string): Measure {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * LABEL_FONT_PX * 0.6;
  context.font = `${LABEL_FONT_PX}px ${fontFamily}`;
  return (text) => context.measureText(text).width;
}

/**
 * A bar chart with its title and legend. Its numbers are in the table beside it: to screen readers
 * the canvas is an image whose label says where to read them. Its labels are wrapped to its width
 * and its height leaves room for every line of them (chart-layout.ts), again when the width changes.
 */
export function BarChart({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');
  const key = JSON.stringify(spec);
  useEffect(() => {
    const element = box.current!;
    const style = getComputedStyle(element);
    const measure = textMeasure(style.fontFamily);
    let width = element.clientWidth;
    const layOut = () => {
      const lines = categoryLines(spec, width, measure);
      // Set through the DOM, which the CSP allows (a style attribute in the markup it would refuse).
      element.style.height = `${chartHeight(spec, lines)}px`;
      return lines;
    };
    let lines = layOut();
    let chart: DrawnChart | undefined;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const draw = ({ drawBarChart }: Charting) => {
      if (!current || !canvas.current) return;
      chart = drawBarChart(canvas.current, spec, lines, {
        text: style.color,
        grid: style.getPropertyValue('--chart-grid').trim(),
        fontFamily: style.fontFamily,
        colour: (tone) => style.getPropertyValue(`--chart-${tone}`).trim() || style.color,
      });
      setState('drawn');
    };
    loadCharting().then(
      // Each chart in a task of its own: the figures are painted first, and the page stays responsive while the charts are drawn.
      (charting) => (timer = setTimeout(() => draw(charting))),
      () => current && setState('failed'),
    );
    // A phone turned, a window resized: the labels wrap again, and the height follows.
    const resized = new ResizeObserver(() => {
      if (element.clientWidth === width) return;
      width = element.clientWidth;
      lines = layOut();
      chart?.relabel(lines);
    });
    resized.observe(element);
    return () => {
      current = false;
      clearTimeout(timer);
      resized.disconnect();
      chart?.destroy();
    };
  }, [key]);
  return (
    <figure class="chart" data-chart={state}>
      <figcaption class="chart-title">{spec.title}</figcaption>
      {spec.series.length > 1 ? (
        <ul class="chart-legend">
          {spec.series.map((series) => (
            <li key={series.tone}>
              <span class={`swatch swatch-${series.tone}`} aria-hidden="true" />
              {series.label}
            </li>
          ))}
        </ul>
      ) : null}
      <div class="chart-box" ref={box}>
        <canvas ref={canvas} role="img" aria-label={`Grafiek: ${spec.title}. Dezelfde cijfers staan in de tabel erbij.`} />
      </div>
      {state === 'failed' ? <p class="muted">De grafiek kon niet worden geladen; de tabel geeft dezelfde cijfers.</p> : null}
    </figure>
  );
}
