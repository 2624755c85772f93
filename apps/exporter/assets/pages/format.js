// @ts-check
/**
 * Numbers, units and times in the reader's locale (Intl), as the pages show them. The same
 * formatter shows a value on a tile, in a table and on a chart axis.
 */

/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/**
 * @param {string} key
 * @param {Intl.NumberFormatOptions} options
 */
function numberFormat(key, options) {
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * US dollars: four decimals under $10 (a demo's spend is cents), two from there.
 * @param {number} value
 */
export function formatUsd(value) {
  const decimals = Math.abs(value) < 10 ? 4 : 2;
  return numberFormat(`usd${decimals}`, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/**
 * US dollars to the micro-dollar, for single operations.
 * @param {number} value
 */
export function formatUsdPrecise(value) {
  return numberFormat('usd6', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 6,
  }).format(value);
}

/**
 * A whole count with the locale's grouping, never abbreviated.
 * @param {number} value
 */
export function formatCount(value) {
  return numberFormat('count', { maximumFractionDigits: 0 }).format(value);
}

/**
 * A measured quantity with three significant digits.
 * @param {number} value
 */
export function formatNumber(value) {
  return numberFormat('number', { maximumSignificantDigits: 3 }).format(value);
}

/**
 * A share (0..1) as a percentage.
 * @param {number} value
 */
export function formatPercent(value) {
  return numberFormat('percent', { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/**
 * Seconds, in milliseconds under one second.
 * @param {number} value
 */
export function formatSeconds(value) {
  if (Math.abs(value) < 1) {
    return numberFormat('ms', { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 }).format(
      value * 1000,
    );
  }
  return numberFormat('s', { style: 'unit', unit: 'second', maximumFractionDigits: 2 }).format(value);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/**
 * Time until a reset, relative ("in 12 seconds").
 * @param {number} seconds
 */
export function formatIn(seconds) {
  if (seconds < 90) return relative.format(Math.round(seconds), 'second');
  if (seconds < 5400) return relative.format(Math.round(seconds / 60), 'minute');
  return relative.format(Math.round(seconds / 3600), 'hour');
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateAndClock = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/**
 * A wall-clock time in the reader's time zone; with the date when it is not today.
 * @param {number} timeMs
 */
export function formatTime(timeMs) {
  const today = new Date().toDateString() === new Date(timeMs).toDateString();
  return (today ? clock : dateAndClock).format(timeMs);
}

/**
 * Time-axis labels (unix seconds) in the reader's locale and time zone: seconds when the ticks
 * are under a minute apart, the date when they span days.
 * @param {number[]} ticks
 */
export function formatAxisTimes(ticks) {
  const step = ticks.length > 1 ? (ticks[1] ?? 0) - (ticks[0] ?? 0) : 3600;
  /** @type {Intl.DateTimeFormatOptions} */
  const options =
    step >= 86_400
      ? { month: 'short', day: 'numeric' }
      : step < 60
        ? { hour: 'numeric', minute: '2-digit', second: '2-digit' }
        : { hour: 'numeric', minute: '2-digit' };
  const format = new Intl.DateTimeFormat(undefined, options);
  return ticks.map((tick) => format.format(tick * 1000));
}

/** @type {Record<string, (value: number) => string>} */
const BY_NAME = {
  usd: formatUsd,
  usd6: formatUsdPrecise,
  count: formatCount,
  number: formatNumber,
  percent: formatPercent,
  seconds: formatSeconds,
};

/**
 * Formats by a name of the pages (`usd`, `count`, ...) or a dashboard unit id (`currencyUSD`,
 * `s`, `percentunit`, `reqps`, `suffix: tok/s`); `–` for a missing value.
 * @param {string} unit
 * @param {number | null | undefined} value
 */
export function formatValue(unit, value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const named = BY_NAME[unit];
  if (named) return named(value);
  if (unit === 'currencyUSD') return formatUsd(value);
  if (unit === 's') return formatSeconds(value);
  if (unit === 'percentunit') return formatPercent(value);
  if (unit === 'reqps') return `${formatNumber(value)}/s`;
  if (unit.startsWith('suffix:')) return `${formatNumber(value)} ${unit.slice('suffix:'.length).trim()}`;
  return formatNumber(value);
}
