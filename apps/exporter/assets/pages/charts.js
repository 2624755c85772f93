// @ts-check
/**
 * The pages' charts: one uPlot per `<figure data-chart>`, fed the JSON of `/api/charts`, resized
 * with its figure, rebuilt only when its series change.
 */
import { formatAxisTimes, formatTime, formatValue } from './format.js';

/**
 * @typedef {{ name: string, values: (number | null)[] }} ChartSeries
 * @typedef {{ id: string, title: string, unit: string, source: string, bars: boolean, x: number[],
 *   series: ChartSeries[], note?: string, queries?: string[] }} ChartData
 * @typedef {{ setData(data: unknown): void, setSize(size: { width: number, height: number }): void,
 *   destroy(): void }} Plot
 */

const PALETTE = ['#f55036', '#2f7ed8', '#2b9348', '#9b5de5', '#f4a261', '#00a6a6', '#e76f51', '#6c757d'];
const HEIGHT = 200;

/** @type {Map<HTMLElement, { key: string, plot: Plot }>} */
const plots = new Map();

const resizer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const figure = /** @type {HTMLElement} */ (entry.target);
    plots.get(figure)?.plot.setSize({ width: plotWidth(figure), height: HEIGHT });
  }
});

/** @param {HTMLElement} figure */
function plotWidth(figure) {
  return Math.max(200, Math.floor(figure.clientWidth) - 2);
}

/**
 * Draws (or updates) a chart in its figure.
 * @param {HTMLElement} figure
 * @param {ChartData} chart
 */
export function renderChart(figure, chart) {
  const caption = part(figure, 'figcaption', 'caption');
  caption.textContent = chart.title;
  const note = part(figure, 'p', 'note');
  note.textContent = chart.note ?? '';
  note.hidden = chart.note === undefined;
  const area = part(figure, 'div', 'plot');
  figure.dataset.source = chart.source;
  figure.dataset.points = String(chart.x.length);
  figure.dataset.series = String(chart.series.length);
  // How many values are drawn: a chart of nulls has points but shows nothing.
  figure.dataset.values = String(
    chart.series.reduce((count, series) => count + series.values.filter((value) => value !== null).length, 0),
  );
  const queries = part(figure, 'details', 'queries');
  queries.hidden = !chart.queries?.length;
  queries.replaceChildren(Object.assign(document.createElement('summary'), { textContent: 'PromQL' }));
  for (const query of chart.queries ?? []) {
    queries.append(Object.assign(document.createElement('code'), { textContent: query }));
  }
  if (chart.x.length === 0 || chart.series.length === 0) {
    plots.get(figure)?.plot.destroy();
    plots.delete(figure);
    area.replaceChildren();
    return;
  }
  const data = [chart.x, ...chart.series.map((series) => series.values)];
  const key = `${chart.bars}|${chart.unit}|${chart.series.map((series) => series.name).join('\u0000')}`;
  const existing = plots.get(figure);
  if (existing && existing.key === key) {
    existing.plot.setData(data);
    return;
  }
  existing?.plot.destroy();
  area.replaceChildren();
  const uPlot = /** @type {any} */ (globalThis).uPlot;
  /** @param {unknown} _ @param {number[]} ticks */
  const valueTicks = (_, ticks) => ticks.map((tick) => formatValue(chart.unit, tick));
  const plot = new uPlot(
    {
      width: plotWidth(figure),
      height: HEIGHT,
      legend: { show: true },
      cursor: { points: { size: 6 } },
      scales: { x: { time: true, ...(chart.bars ? { range: barRange(chart.x) } : {}) } },
      axes: [
        {
          stroke: 'currentColor',
          // Room for a locale's longest time label ("12:59:59 PM").
          space: 100,
          values: (/** @type {unknown} */ _, /** @type {number[]} */ ticks) => formatAxisTimes(ticks),
          grid: { stroke: 'rgba(128,128,128,0.15)' },
        },
        { stroke: 'currentColor', size: 84, values: valueTicks, grid: { stroke: 'rgba(128,128,128,0.15)' } },
      ],
      series: [
        {
          value: (/** @type {unknown} */ _, /** @type {number} */ time) =>
            time == null ? '–' : formatTime(time * 1000),
        },
        ...chart.series.map((series, index) => ({
          label: series.name,
          stroke: PALETTE[index % PALETTE.length],
          width: 2,
          spanGaps: false,
          ...(chart.bars
            ? { paths: uPlot.paths.bars({ size: [0.7, 40] }), fill: `${PALETTE[index % PALETTE.length]}88` }
            : {}),
          value: (/** @type {unknown} */ _, /** @type {number | null} */ value) =>
            formatValue(chart.unit, value),
        })),
      ],
    },
    data,
    area,
  );
  plots.set(figure, { key, plot });
  resizer.observe(figure);
}

/**
 * The x range of a bar chart: half a bar's step beyond the first and last bar, so that a single
 * bar (the first hour of a day) stays a bar instead of stretching the axis over years.
 * @param {number[]} x
 * @returns {(plot: unknown, min: number, max: number) => [number, number]}
 */
function barRange(x) {
  const step = x.length > 1 ? (x[1] ?? 0) - (x[0] ?? 0) : 3600;
  return (_, min, max) => [min - step / 2, max + step / 2];
}

/**
 * The child of `figure` with a class, created on first use (in page order).
 * @param {HTMLElement} figure
 * @param {string} tag
 * @param {string} className
 */
function part(figure, tag, className) {
  let element = /** @type {HTMLElement | null} */ (figure.querySelector(`:scope > .${className}`));
  if (element === null) {
    element = document.createElement(tag);
    element.className = className;
    figure.append(element);
  }
  return element;
}
