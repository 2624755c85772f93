import { createHash } from 'node:crypto';
import { type Attributes, attributesAreShared, type Scope } from '@groqmeter/otlp';
import type { Labels } from '../store/series.js';
import { escapeLabelValue } from './label-text.js';
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

/** One label made from attributes: its name and the positions (in attribute order) whose values it joins. */
interface LabelGroup {
  name: string;
  /** `name="`, the start of the label in the exposition. */
  opening: string;
  /** Positions of the attributes (in the order the point lists them), sorted by key. */
  positions: number[];
}

/**
 * How the attributes of one key sequence become labels: which label each key gives (sanitised,
 * `exported_` when taken), sorted by name, colliding keys grouped. Points of one instrument repeat
 * the same keys, so this is worked out once per key sequence instead of once per point.
 */
interface LabelPlan {
  groups: LabelGroup[];
  /** Whether a key gives no label or shares one with another key: values are then lost or joined. */
  lossy: boolean;
  /** The point's keys, sorted and joined: what tells apart streams whose labels are equal. */
  keys: string;
}

/** A node of the key-sequence tree: the plan of the sequence ending here, and the sequences going on. */
interface PlanNode {
  plan?: LabelPlan;
  next?: Map<string, PlanNode>;
}

/** A label set rendered as exposition text, with what the ingest limits look at. */
export interface RenderedLabels {
  /** `a="x",b="y \"quoted\""`: sorted, escaped, without braces; the series' identity and its exposition text. */
  text: string;
  /** Labels in the set. */
  count: number;
  /** The longest label name and value (unescaped). */
  longestName: number;
  longestValue: number;
  /** The store's estimate of the set's exposition bytes per line: name, value and 4 per label. */
  estimateBytes: number;
  /**
   * The sorted attribute keys when every value is a string and no two keys collide: the labels
   * then say exactly which attributes the point had. `undefined` otherwise.
   */
  exactKeys: string | undefined;
}

/**
 * {@link seriesLabels} for many points that share their fixed labels (one scope of one
 * resource): the fixed labels are sorted once and their pairs shared by every label set made,
 * so the series of one sender hold them once.
 */
export class SeriesLabeler {
  private readonly fixed: Labels;
  /** The fixed labels as exposition text (`job="api"`), in the order of {@link fixed}. */
  private readonly fixedText: string[];
  private readonly fixedLongestName: number;
  private readonly fixedLongestValue: number;
  private readonly plans: PlanNode;
  /** Label sets already rendered, by the reader's shared attributes they came from. */
  private readonly rendered: WeakMap<Attributes, RenderedLabels>;
  private readonly values: unknown[] = [];
  private readonly parts: string[] = [];

  constructor(fixed: readonly (readonly [string, string])[], reserved: ReadonlySet<string> = NO_RESERVED) {
    this.fixed = fixed.filter(([, value]) => value !== '').sort(byName);
    this.fixedText = this.fixed.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
    this.fixedLongestName = Math.max(0, ...this.fixed.map(([name]) => name.length));
    this.fixedLongestValue = Math.max(0, ...this.fixed.map(([, value]) => value.length));
    const taken = [...new Set([...EXPORTER_LABELS, ...reserved, ...fixed.map(([name]) => name)])].sort();
    this.plans = planTree(taken);
    this.rendered = renderedLabelsOf(`${taken.join('\u0000')}\u0001${this.fixedText.join('\u0000')}`);
  }

  /** The sorted label set of a point with these attributes. */
  labels(attributes: Attributes): Labels {
    const plan = this.planOf(attributes);
    const values = this.valuesOf(attributes);
    const pairs: [string, string][] = [];
    for (const group of plan.groups) {
      const value = joinedValue(group, values);
      if (value !== '') pairs.push([group.name, value]);
    }
    return mergeSorted(this.fixed, pairs);
  }

  /**
   * The label set of a point with these attributes, as exposition text (the same set as
   * {@link labels}). The result is shared: the same object for every point of the same shared
   * attributes, so it is never changed.
   */
  render(attributes: Attributes): RenderedLabels {
    // One weak lookup for attributes read afresh (every protobuf point): they never come again.
    if (!attributesAreShared(attributes)) return this.renderAfresh(attributes);
    let labels = this.rendered.get(attributes);
    if (labels === undefined) {
      labels = this.renderAfresh(attributes);
      this.rendered.set(attributes, labels);
    }
    return labels;
  }

  private renderAfresh(attributes: Attributes): RenderedLabels {
    const plan = this.planOf(attributes);
    const values = this.valuesOf(attributes);
    const fixed = this.fixed;
    // Joined at the end: one flat string (a chain of concatenations would be kept as a tree of
    // small strings by the series that stores it).
    const parts = this.parts;
    parts.length = 0;
    let estimateBytes = 0;
    let longestValue = this.fixedLongestValue;
    let longestName = this.fixedLongestName;
    let fixedIndex = 0;
    for (const group of plan.groups) {
      const value = joinedValue(group, values);
      if (value === '') continue;
      while (fixedIndex < fixed.length && fixed[fixedIndex]![0] < group.name) {
        const [name, fixedValue] = fixed[fixedIndex]!;
        parts.push(this.fixedText[fixedIndex]!);
        estimateBytes += name.length + fixedValue.length + 4;
        fixedIndex++;
      }
      parts.push(`${group.opening}${escapeLabelValue(value)}"`);
      estimateBytes += group.name.length + value.length + 4;
      if (value.length > longestValue) longestValue = value.length;
      if (group.name.length > longestName) longestName = group.name.length;
    }
    for (; fixedIndex < fixed.length; fixedIndex++) {
      const [name, fixedValue] = fixed[fixedIndex]!;
      parts.push(this.fixedText[fixedIndex]!);
      estimateBytes += name.length + fixedValue.length + 4;
    }
    let exact = !plan.lossy;
    for (let index = 0; exact && index < attributes.size; index++) exact = typeof values[index] === 'string';
    return {
      text: parts.join(','),
      count: parts.length,
      longestName,
      longestValue,
      estimateBytes,
      exactKeys: exact ? plan.keys : undefined,
    };
  }

  /** The attribute values in the order the point lists them (one array reused point after point). */
  private valuesOf(attributes: Attributes): unknown[] {
    const values = this.values;
    let index = 0;
    for (const value of attributes.values()) values[index++] = value;
    values.length = index;
    return values;
  }

  private planOf(attributes: Attributes): LabelPlan {
    let node = this.plans;
    for (const key of attributes.keys()) {
      node.next ??= new Map();
      let child = node.next.get(key);
      if (!child) {
        child = {};
        node.next.set(key, child);
        planNodes++;
      }
      node = child;
    }
    node.plan ??= makePlan([...attributes.keys()], this.plans);
    return node.plan;
  }
}

/** The value of a label: its attributes' values, joined with `;` when several keys give it. */
function joinedValue(group: LabelGroup, values: readonly unknown[]): string {
  const { positions } = group;
  let value = prometheusLabelValue(values[positions[0]!]);
  for (let index = 1; index < positions.length; index++) {
    value = `${value};${prometheusLabelValue(values[positions[index]!])}`;
  }
  return value;
}

/**
 * Rendered label sets by labeler signature (the names it takes and its fixed labels, which with
 * the attributes decide the text), so that every scope of every push with the same fixed labels
 * finds the sets an earlier one rendered. Weak: a set lives as long as the reader shares its
 * attributes. The bound keeps senders with ever new fixed labels from growing it without limit.
 */
const RENDERED_SIGNATURE_LIMIT = 1024;
const renderedBySignature = new Map<string, WeakMap<Attributes, RenderedLabels>>();

function renderedLabelsOf(signature: string): WeakMap<Attributes, RenderedLabels> {
  let rendered = renderedBySignature.get(signature);
  if (rendered === undefined) {
    if (renderedBySignature.size >= RENDERED_SIGNATURE_LIMIT) renderedBySignature.clear();
    rendered = new WeakMap();
    renderedBySignature.set(signature, rendered);
  }
  return rendered;
}

/** Names already set by the exporter, for {@link makePlan}, by plan tree. */
const takenNames = new WeakMap<PlanNode, ReadonlySet<string>>();
/** Plan trees by the names their labelers take, so that every scope of every push shares them. */
const planTrees = new Map<string, PlanNode>();
/**
 * Key-sequence nodes across all plan trees. Senders repeat a few key sequences; the bound keeps a
 * sender inventing keys from growing the trees without limit.
 */
const PLAN_NODE_LIMIT = 16_384;
let planNodes = 0;

function planTree(taken: readonly string[]): PlanNode {
  if (planNodes >= PLAN_NODE_LIMIT) {
    planTrees.clear();
    planNodes = 0;
  }
  const signature = taken.join('\u0000');
  let tree = planTrees.get(signature);
  if (!tree) {
    tree = {};
    planTrees.set(signature, tree);
    takenNames.set(tree, new Set(taken));
  }
  return tree;
}

function makePlan(keys: readonly string[], tree: PlanNode): LabelPlan {
  const taken = takenNames.get(tree)!;
  const named: { key: string; name: string; position: number }[] = [];
  keys.forEach((key, position) => {
    const sanitized = cachedLabelName(key);
    if (sanitized === undefined) return;
    named.push({ key, name: taken.has(sanitized) ? `exported_${sanitized}` : sanitized, position });
  });
  named.sort((a, b) => {
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  const groups: LabelGroup[] = [];
  for (const { name, position } of named) {
    const last = groups[groups.length - 1];
    if (last?.name === name) last.positions.push(position);
    else groups.push({ name, opening: `${name}="`, positions: [position] });
  }
  return {
    groups,
    lossy: groups.length < keys.length,
    keys: [...keys].sort().join('\u0000'),
  };
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
