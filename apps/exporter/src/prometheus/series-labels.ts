import { createHash } from 'node:crypto';
import type { Attributes, Scope } from '@groqmeter/otlp';
import type { Labels } from '../store/series.js';
import { prometheusLabelName, prometheusLabelValue } from './prometheus-names.js';

/** Who sent a batch of metrics, as the OTel-Prometheus compatibility spec maps a resource. */
export interface ResourceIdentity {
  /**
   * The whole resource, canonicalised and digested: senders with equal resources are the same
   * sender, and each series a sender feeds holds a key of fixed size however large its resource.
   */
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
    key: createHash('sha256').update(JSON.stringify(entries)).digest('base64'),
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
  return new SeriesLabeler(fixed, reserved).labels(attributes);
}

/** An attribute turned into a label, before colliding names are merged. */
interface AttributeLabel {
  key: string;
  name: string;
  value: string;
}

/**
 * {@link seriesLabels} for many points that share their fixed labels (one scope of one
 * resource): the fixed labels are sorted once and their pairs shared by every label set made,
 * so the series of one sender hold them once.
 */
export class SeriesLabeler {
  private readonly fixed: Labels;
  private readonly taken: ReadonlySet<string>;

  constructor(fixed: readonly (readonly [string, string])[], reserved: ReadonlySet<string> = NO_RESERVED) {
    this.fixed = fixed.filter(([, value]) => value !== '').sort(byName);
    this.taken = new Set([...EXPORTER_LABELS, ...reserved, ...fixed.map(([name]) => name)]);
  }

  /** The sorted label set of a point with these attributes. */
  labels(attributes: Attributes): Labels {
    const named: AttributeLabel[] = [];
    for (const [key, value] of attributes) {
      const sanitized = cachedLabelName(key);
      if (sanitized === undefined) continue;
      const name = this.taken.has(sanitized) ? `exported_${sanitized}` : sanitized;
      named.push({ key, name, value: prometheusLabelValue(value) });
    }
    named.sort(byNameThenKey);
    return mergeSorted(this.fixed, joinCollisions(named));
  }
}

/** Label pairs from name-sorted attribute labels, values of equal names joined with `;`. */
function joinCollisions(named: readonly AttributeLabel[]): [string, string][] {
  const pairs: [string, string][] = [];
  let index = 0;
  while (index < named.length) {
    const { name } = named[index]!;
    let value = named[index]!.value;
    index++;
    while (index < named.length && named[index]!.name === name) {
      value = `${value};${named[index]!.value}`;
      index++;
    }
    if (value !== '') pairs.push([name, value]);
  }
  return pairs;
}

/** Two name-sorted label lists with no name in common, as one name-sorted list. */
function mergeSorted(a: Labels, b: Labels): Labels {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const merged: (readonly [string, string])[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(a[i]![0] < b[j]![0] ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}

function byName(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function byNameThenKey(a: AttributeLabel, b: AttributeLabel): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Sanitised label names by attribute key. Senders repeat the same few keys on every point; the
 * bound keeps a sender inventing keys from growing it without limit.
 */
const LABEL_NAME_CACHE_LIMIT = 4096;
const labelNames = new Map<string, string | undefined>();

function cachedLabelName(key: string): string | undefined {
  if (labelNames.has(key)) return labelNames.get(key);
  if (labelNames.size >= LABEL_NAME_CACHE_LIMIT) labelNames.clear();
  const name = prometheusLabelName(key);
  labelNames.set(key, name);
  return name;
}

const NO_RESERVED: ReadonlySet<string> = new Set();
const EXPORTER_LABELS = ['job', 'instance', 'otel_scope_name', 'otel_scope_version', 'otel_scope_schema_url'];

/** Labels reserved on histogram series for the bucket bound. */
export const HISTOGRAM_RESERVED: ReadonlySet<string> = new Set(['le']);
