import type { Family, GaugeFamily, MonotonicFamily } from '../store/metric-store.js';
import type { MonotonicSeries } from '../store/series.js';

/** The two exposition formats `/metrics` serves. */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

/** exporter-prometheus writes this when an instrument has no description; promtool wants help text. */
const MISSING_HELP = 'description missing';

const CONTENT_TYPES: Record<ExpositionFormat, string> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/** About how many characters each chunk of the exposition holds. */
const CHUNK_CHARACTERS = 64 * 1024;

/**
 * A scrape body, rendered chunk by chunk as it is read: a large store is written to the socket
 * without ever being one string. Each family's series are read as its lines are written, so a
 * push applied between two chunks shows in the chunks after it (as a scrape between two pushes
 * shows one of them).
 */
export class Exposition {
  readonly contentType: string;

  constructor(
    private readonly families: readonly Family[],
    readonly format: ExpositionFormat,
  ) {
    this.contentType = CONTENT_TYPES[format];
  }

  /** The body in chunks of about {@link CHUNK_CHARACTERS} characters. */
  *chunks(): Generator<string> {
    const openMetrics = this.format === 'openmetrics';
    let out = '';
    // prom-client's layout: families separated by a blank line in the text format, by nothing in OpenMetrics.
    let separator = '';
    for (const family of this.families) {
      out += separator;
      separator = openMetrics ? '' : '\n';
      out += familyHeader(family, openMetrics);
      for (const lines of familyLines(family, openMetrics)) {
        out += lines;
        if (out.length >= CHUNK_CHARACTERS) {
          yield out;
          out = '';
        }
      }
    }
    // An empty registry still ends with a newline (and OpenMetrics with `# EOF`).
    if (this.families.length === 0) out += '\n';
    if (openMetrics) out += '# EOF\n';
    yield out;
  }

  /** The whole body as one string (tests, small stores). */
  get body(): string {
    let body = '';
    for (const chunk of this.chunks()) body += chunk;
    return body;
  }
}

/**
 * Renders the store's families in the Prometheus text format (0.0.4) or OpenMetrics 1.0.0,
 * byte for byte as prom-client 15 rendered them before (`golden/` pins it): `# HELP` (escaped,
 * `description missing` when empty) and `# TYPE` per family, samples in series order, histogram
 * buckets cumulative with `le` last, OpenMetrics counter families named without `_total` and
 * their samples with it. Label sets come pre-escaped from the store (`label-text.ts`).
 */
export async function renderExposition(
  families: readonly Family[],
  format: ExpositionFormat,
): Promise<Exposition> {
  return new Exposition(families, format);
}

function familyHeader(family: Family, openMetrics: boolean): string {
  const name = openMetrics && family.kind === 'counter' ? withoutTotal(family.name) : family.name;
  const type = family.kind === 'counter' || family.kind === 'histogram' ? family.kind : 'gauge';
  return `# HELP ${name} ${escapeHelp(family.help || MISSING_HELP)}\n# TYPE ${name} ${type}\n`;
}

/** The sample lines of a family, a series at a time. */
function* familyLines(family: Family, openMetrics: boolean): Generator<string> {
  switch (family.kind) {
    case 'counter': {
      const name = openMetrics ? `${withoutTotal(family.name)}_total` : family.name;
      for (const series of family.series.values())
        yield sampleLine(name, series.labelText, series.firstElement());
      return;
    }
    case 'histogram':
      yield* histogramLines(family);
      return;
    case 'gauge':
    case 'updown':
      yield* gaugeLines(family);
      return;
  }
}

function* gaugeLines(family: GaugeFamily): Generator<string> {
  for (const series of family.series.values())
    yield sampleLine(family.name, series.labelText, series.value());
}

/** Buckets (cumulative, `le` as exporter-prometheus writes it), then `_sum` and `_count`. */
function* histogramLines(family: MonotonicFamily): Generator<string> {
  const bucket = `${family.name}_bucket{`;
  const sumName = `${family.name}_sum`;
  const countName = `${family.name}_count`;
  for (const series of family.series.values()) yield histogramSeriesLines(series, bucket, sumName, countName);
}

function histogramSeriesLines(
  series: MonotonicSeries,
  bucket: string,
  sumName: string,
  countName: string,
): string {
  const { labelText, bounds } = series;
  const value = series.value();
  const opening = labelText === '' ? `${bucket}le="` : `${bucket}${labelText},le="`;
  let lines = '';
  let cumulative = 0;
  for (let index = 2; index < value.length; index++) {
    cumulative += value[index]!;
    const bound = bounds[index - 2];
    lines += `${opening}${bound === undefined ? '+Inf' : String(bound)}"} ${formatValue(cumulative)}\n`;
  }
  if (series.sumKnown) lines += sampleLine(sumName, labelText, value[1]!);
  return lines + sampleLine(countName, labelText, value[0]!);
}

function sampleLine(name: string, labelText: string, value: number): string {
  return labelText === ''
    ? `${name} ${formatValue(value)}\n`
    : `${name}{${labelText}} ${formatValue(value)}\n`;
}

/** A sample value as prom-client writes it (`Nan`, `+Inf`, `-Inf`, else JavaScript's own spelling). */
function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'Nan';
  if (!Number.isFinite(value)) return value < 0 ? '-Inf' : '+Inf';
  return `${value}`;
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function withoutTotal(name: string): string {
  return name.replace(/_total$/, '');
}
