import type { Attributes, Scope } from '@groqmeter/otlp';
import type { Labels } from '../store/series.js';
import { prometheusLabelName, prometheusLabelValue } from './prometheus-names.js';

/** Who sent a batch of metrics, as the OTel-Prometheus compatibility spec maps a resource. */
export interface ResourceIdentity {
  /** The whole resource, canonicalised: senders with equal resources are the same sender. */
  key: string;
  /** `job` (`service.namespace/service.name`) and `instance` (`service.instance.id`), when set. */
  targetLabels: [string, string][];
  /** Labels of the sender's `target_info` series: the target labels plus every other attribute. */
  infoLabels: Labels;
}

const SERVICE_NAME = 'service.name';
const SERVICE_NAMESPACE = 'service.namespace';
const SERVICE_INSTANCE_ID = 'service.instance.id';
const TARGET_ATTRIBUTES = new Set([SERVICE_NAME, SERVICE_NAMESPACE, SERVICE_INSTANCE_ID]);

/** Maps a resource to its identity and target labels. */
export function resourceIdentity(attributes: Attributes): ResourceIdentity {
  const entries = [...attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const name = prometheusLabelValue(attributes.get(SERVICE_NAME));
  const namespace = prometheusLabelValue(attributes.get(SERVICE_NAMESPACE));
  const job = namespace !== '' && name !== '' ? `${namespace}/${name}` : name;
  const instance = prometheusLabelValue(attributes.get(SERVICE_INSTANCE_ID));
  const targetLabels: [string, string][] = [];
  if (job !== '') targetLabels.push(['job', job]);
  if (instance !== '') targetLabels.push(['instance', instance]);
  const otherAttributes: Attributes = new Map(entries.filter(([key]) => !TARGET_ATTRIBUTES.has(key)));
  return {
    key: JSON.stringify(entries),
    targetLabels,
    infoLabels: seriesLabels(otherAttributes, targetLabels),
  };
}

/**
 * `otel_scope_name`, `otel_scope_version` and `otel_scope_schema_url`, as exporter-prometheus
 * adds them to every series (empty ones left out).
 */
export function scopeLabels(scope: Scope): [string, string][] {
  return [
    ['otel_scope_name', scope.name],
    ['otel_scope_version', scope.version],
    ['otel_scope_schema_url', scope.schemaUrl],
  ].filter((pair): pair is [string, string] => pair[1] !== '');
}

/**
 * The label set of a series: point attributes as labels plus the labels the exporter sets
 * (`fixed`: job, instance, scope; `le` on histogram buckets is reserved via `reserved`).
 *
 * - Attribute keys are sanitised like exporter-prometheus; keys that collide after sanitising
 *   have their values joined with `;` in key order (OTel-Prometheus compatibility spec).
 * - An attribute named like a label the exporter sets (`job`, `instance`, `otel_scope_*`, and the
 *   `reserved` ones) is kept as `exported_<name>`, the way Prometheus renames clashing target
 *   labels, whether or not the exporter sets that label on this series.
 * - Empty values are left out: Prometheus treats `x=""` as no label, and keeping both spellings
 *   would serve the same series twice.
 */
export function seriesLabels(
  attributes: Attributes,
  fixed: readonly (readonly [string, string])[],
  reserved: ReadonlySet<string> = NO_RESERVED,
): Labels {
  const taken = new Set([...EXPORTER_LABELS, ...reserved, ...fixed.map(([name]) => name)]);
  const byName = new Map<string, [string, string][]>();
  for (const [key, value] of attributes) {
    const sanitized = prometheusLabelName(key);
    if (sanitized === undefined) continue;
    const name = taken.has(sanitized) ? `exported_${sanitized}` : sanitized;
    const values = byName.get(name) ?? [];
    values.push([key, prometheusLabelValue(value)]);
    byName.set(name, values);
  }
  const labels: [string, string][] = fixed.map(([name, value]) => [name, value]);
  for (const [name, values] of byName) {
    const joined = values
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, value]) => value)
      .join(';');
    labels.push([name, joined]);
  }
  return labels.filter(([, value]) => value !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const NO_RESERVED: ReadonlySet<string> = new Set();
const EXPORTER_LABELS = ['job', 'instance', 'otel_scope_name', 'otel_scope_version', 'otel_scope_schema_url'];

/** Labels reserved on histogram series for the bucket bound. */
export const HISTOGRAM_RESERVED: ReadonlySet<string> = new Set(['le']);
