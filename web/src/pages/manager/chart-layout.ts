// How a bar chart fits the room it has: its axis labels wrapped to the width the chart gives them,
// and a height that leaves each category room for its bars and for every line of its label, so no
// two labels overlap, at phone width as on a desktop. Pure (text is measured by a function given),
// so it is tested without a browser.
import type { ChartSpec } from './dashboard-model.ts';

/** The axis labels' font size and line height in px, as chart-setup.ts draws them (Chart.js: line height 1.2). */
export const LABEL_FONT_PX = 13;
export const LABEL_LINE_PX = Math.ceil(LABEL_FONT_PX * 1.2);
/** A horizontal chart gives at most this share of its width to its labels, the rest to the bars. */
export const LABEL_SHARE = 0.4;
/** Room per bar of a category, and what the value axis and padding take. */
const BAR_PX = 32;
const LABEL_GAP_PX = 10;
export const VALUE_AXIS_PX = 56;
const MIN_HEIGHT_PX = 112;
const VERTICAL_HEIGHT_PX = 288;

export type Measure = (text: string) => number;

/** Words on lines no wider than `maxWidth`; a word wider than that gets a line of its own. */
export function wrapToWidth(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const longer = line ? `${line} ${word}` : word;
    if (line && measure(longer) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Each category's label as the lines to draw: on a horizontal chart every given line (a category
 * may name several, such as "(<5, niet getekend)") wrapped to the labels' share of `chartWidth`;
 * under a vertical chart's bars, the lines as given.
 */
export function categoryLines(spec: Pick<ChartSpec, 'orientation' | 'categories'>, chartWidth: number, measure: Measure): string[][] {
  const given = spec.categories.map((category) => [category].flat());
  if (spec.orientation === 'vertical') return given;
  const room = Math.max(chartWidth * LABEL_SHARE, 6 * LABEL_FONT_PX);
  return given.map((lines) => lines.flatMap((line) => wrapToWidth(line, room, measure)));
}

/**
 * The height (px) that gives every category of a horizontal chart the room for its bars and its
 * tallest label: Chart.js spaces categories evenly, so the tallest label sets every category's room.
 */
export function chartHeight(spec: Pick<ChartSpec, 'orientation' | 'series'>, lines: readonly string[][]): number {
  if (spec.orientation === 'vertical') return VERTICAL_HEIGHT_PX;
  const tallest = Math.max(1, ...lines.map((label) => label.length));
  const perCategory = Math.max(BAR_PX * Math.max(1, spec.series.length), tallest * LABEL_LINE_PX + LABEL_GAP_PX);
  return Math.max(MIN_HEIGHT_PX, VALUE_AXIS_PX + lines.length * perCategory);
}
