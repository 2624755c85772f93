import type { Attributes } from './attributes.js';
import {
  arrayField,
  asObject,
  field,
  type IdEncoding,
  type JsonObject,
  readAttributes,
  readId,
  timeField,
} from './otlp-json-fields.js';
import type { TraceSpan } from './traces-model.js';

/**
 * Reads a decoded OTLP traces request (OTLP/JSON as parsed, or the protobuf message as a plain
 * object with int64 as strings and bytes as base64) into its spans, in request order, checking
 * ids, times and attributes. Field names are accepted in lowerCamelCase and in the proto's
 * snake_case, int64 as strings or numbers, as proto3 JSON allows.
 *
 * @throws {PayloadError} naming the first offending field, e.g.
 *   `resourceSpans[0].scopeSpans[0].spans[2].traceId: expected 16 bytes (32 hex digits), got a string of 10 characters`.
 */
export function readTracesRequest(body: unknown, ids: IdEncoding): TraceSpan[] {
  const request = asObject(body, 'request');
  const spans: TraceSpan[] = [];
  arrayField(request, 'resourceSpans', 'request').forEach((item, resourceIndex) => {
    const path = `resourceSpans[${resourceIndex}]`;
    const resourceSpans = asObject(item, path);
    const resource = field(resourceSpans, 'resource');
    const resourceAttributes =
      resource === undefined || resource === null
        ? new Map()
        : readAttributes(asObject(resource, `${path}.resource`), `${path}.resource`);
    arrayField(resourceSpans, 'scopeSpans', path).forEach((scopeItem, scopeIndex) => {
      const scopePath = `${path}.scopeSpans[${scopeIndex}]`;
      const scopeSpans = asObject(scopeItem, scopePath);
      arrayField(scopeSpans, 'spans', scopePath).forEach((spanItem, spanIndex) => {
        const spanPath = `${scopePath}.spans[${spanIndex}]`;
        spans.push(readSpan(asObject(spanItem, spanPath), spanPath, ids, resourceAttributes));
      });
    });
  });
  return spans;
}

function readSpan(
  span: JsonObject,
  path: string,
  ids: IdEncoding,
  resourceAttributes: Attributes,
): TraceSpan {
  return {
    traceId: readId(field(span, 'traceId'), 16, `${path}.traceId`, ids),
    spanId: readId(field(span, 'spanId'), 8, `${path}.spanId`, ids),
    startTimeUnixNano: timeField(span, 'startTimeUnixNano', path),
    endTimeUnixNano: timeField(span, 'endTimeUnixNano', path),
    attributes: readAttributes(span, path),
    resourceAttributes,
    path,
  };
}
