import type {
  Attributes as OtlpAttributes,
  AttributeValue as OtlpAttributeValue,
  TraceSpan,
} from '@groqmeter/otlp';
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { LedgerSpan } from './types.js';

type Primitive = string | number | boolean;

function isPrimitive(value: OtlpAttributeValue): value is Primitive {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * An OTLP attribute value as an OTel attribute value: primitives, and arrays with anything but
 * primitives in them read as `null`. Key-value lists and empty values have no ledger column and
 * read as `undefined`, as an OTel SDK drops what it cannot hold.
 */
function attributeValueOf(value: OtlpAttributeValue): AttributeValue | undefined {
  if (isPrimitive(value)) return value;
  if (Array.isArray(value)) {
    return value.map((item) => (isPrimitive(item) ? item : null)) as AttributeValue;
  }
  return undefined;
}

function attributesOf(otlpAttributes: OtlpAttributes): Attributes {
  const attributes: Attributes = {};
  for (const [key, value] of otlpAttributes) {
    const converted = attributeValueOf(value);
    // An OTel SDK drops attributes without a key too.
    if (key !== '' && converted !== undefined) attributes[key] = converted;
  }
  return attributes;
}

/** The {@link LedgerSpan} of a span received over OTLP: the same shape the span processor hands over. */
export function ledgerSpanOfOtlp(span: TraceSpan): LedgerSpan {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: attributesOf(span.attributes),
    resourceAttributes: attributesOf(span.resourceAttributes),
  };
}
