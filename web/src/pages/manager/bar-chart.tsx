import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartSpec } from './dashboard-model.ts';

type Charting = typeof import('./chart-setup.ts');
let charting: Promise<Charting> | undefined;

/** Chart.js in its own chunk, fetched once; the dashboard starts this while it waits for its figures. */
export const loadCharting = () => (charting ??= import('./chart-setup.ts'));

/** rem: a bar per category and series on a horizontal chart, room for labels on a vertical one. */
const heightOf = (spec: ChartSpec) => (spec.orientation === 'horizontal' ? Math.max(7, 3.5 + spec.categories.length * Math.max(1, spec.series.length) * 2) : 18);

/**
 * A bar chart with its title and legend. Its numbers are in the table beside it: to screen readers
 * the canvas is an image whose label says where to read them.
 */
export function BarChart({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');
  const key = JSON.stringify(spec);
  useEffect(() => {
    const element = box.current!;
    // Set through the DOM, which the CSP allows (a style attribute in the markup it would refuse).
    element.style.height = `${heightOf(spec)}rem`;
    let chart: { destroy(): void } | undefined;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const draw = ({ drawBarChart }: Charting) => {
      if (!current || !canvas.current) return;
      const style = getComputedStyle(element);
      chart = drawBarChart(canvas.current, spec, {
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
    return () => {
      current = false;
      clearTimeout(timer);
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
