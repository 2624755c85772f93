import type { Labels } from '../store/series.js';

/** What one point may carry before it is refused (each refusal counted by reason). */
export interface IngestLimits {
  /** Characters of a label value (attribute values, `job`, `instance`, scope name and version). */
  maxLabelValueLength: number;
  /** Attributes of one point, and labels of one `target_info` series. */
  maxLabelsPerPoint: number;
  /** Characters of an OTLP metric name, and of an attribute key. */
  maxNameLength: number;
}

/**
 * Far above what the groqmeter contract sends (a dozen labels of tens of characters), far below
 * what breaks a scrape: at 10,000 series a family's lines stay a few hundred MB at the very worst,
 * and the store's exposition bound refuses series long before that.
 */
export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze({
  maxLabelValueLength: 2048,
  maxLabelsPerPoint: 64,
  maxNameLength: 256,
});

/** Why a label set breaks the limits, or `undefined` when it keeps them. */
export function labelSetRefusal(
  labels: Labels,
  limits: IngestLimits,
): 'label_too_long' | 'too_many_labels' | undefined {
  let longestName = 0;
  let longestValue = 0;
  for (const [name, value] of labels) {
    if (name.length > longestName) longestName = name.length;
    if (value.length > longestValue) longestValue = value.length;
  }
  return labelShapeRefusal({ count: labels.length, longestName, longestValue }, limits);
}

/** What the limits look at in a label set: how many labels, the longest name and value. */
export interface LabelShape {
  count: number;
  longestName: number;
  longestValue: number;
}

/** {@link labelSetRefusal} from the shape of a label set (a rendered one reports its shape). */
export function labelShapeRefusal(
  shape: LabelShape,
  limits: IngestLimits,
): 'label_too_long' | 'too_many_labels' | undefined {
  if (shape.count > limits.maxLabelsPerPoint + FIXED_LABELS) return 'too_many_labels';
  if (shape.longestValue > limits.maxLabelValueLength || shape.longestName > limits.maxNameLength)
    return 'label_too_long';
  return undefined;
}

/** Labels the exporter sets beside a point's attributes: job, instance, three scope labels. */
const FIXED_LABELS = 5;

/** A name quoted for a message or a log line, cut to a readable length (payload text is never echoed whole). */
export function quoted(name: string): string {
  return name.length > QUOTED_LENGTH
    ? `${JSON.stringify(name.slice(0, QUOTED_LENGTH))}…`
    : JSON.stringify(name);
}

const QUOTED_LENGTH = 64;
