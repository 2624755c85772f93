/**
 * Prometheus naming exactly as `@opentelemetry/exporter-prometheus` 0.223.0 (`PrometheusSerializer`)
 * does it, so that the in-process path and this exporter produce the same series names.
 */

const INVALID_CHARACTERS = /[^a-z0-9_]/gi;
const REPEATED_UNDERSCORES = /_{2,}/g;

/** Replaces every character Prometheus does not allow with `_` and collapses runs of `_`. */
export function sanitizePrometheusName(name: string): string {
  return name.replace(INVALID_CHARACTERS, '_').replace(REPEATED_UNDERSCORES, '_');
}

/** The Prometheus data model an OTLP metric maps to. */
export type PrometheusMetricType = 'counter' | 'gauge' | 'histogram';

/**
 * The Prometheus family name of an OTel instrument, or `undefined` when nothing usable is left
 * (exporter-prometheus refuses those names too). Monotonic sums get `_total` unless they already
 * end with it; no unit suffix is ever added.
 */
export function prometheusMetricName(otelName: string, type: PrometheusMetricType): string | undefined {
  let name = sanitizePrometheusName(otelName);
  if (name === '' || name === '_') return undefined;
  if (name[0]! >= '0' && name[0]! <= '9') name = `_${name}`;
  if (type === 'counter' && !name.endsWith('_total')) name = `${name}_total`;
  return name;
}

/**
 * A label name from an attribute key: the same character rules as metric names, plus the
 * OTel-Prometheus compatibility rule for a leading digit (`key_` prefix), which exporter-prometheus
 * leaves invalid. `undefined` when the key has no usable character.
 */
export function prometheusLabelName(key: string): string | undefined {
  const name = sanitizePrometheusName(key);
  if (name === '' || name === '_') return undefined;
  if (name[0]! >= '0' && name[0]! <= '9') return `key_${name}`;
  return name;
}

/**
 * A label value from an attribute value: strings as they are, anything else JSON-encoded (as
 * exporter-prometheus does), `null`/missing as the empty string.
 */
export function prometheusLabelValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}
