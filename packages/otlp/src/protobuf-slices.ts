import type { MetricsRequest } from './metrics-model.js';
import { readMetricsProtobuf } from './read-metrics-protobuf.js';

/**
 * Bytes of metrics per slice: the single-pass reader takes one in about a millisecond (a few
 * hundred points), so the event loop is never held longer than that by decoding.
 */
export const SLICE_BYTES = 128 * 1024;

const LENGTH = 2;

/** A byte range of the body: one field, its tag and length included. */
type Range = [start: number, end: number];

/** One slice: a request holding one resource, one of its scopes and some of that scope's metrics. */
interface Slice {
  resource: number;
  /** Index of the scope in its resource; -1 for a resource without scopes. */
  scope: number;
  body: Uint8Array;
}

/** The fields of one message, the repeated child field's apart from the others (its header). */
interface Fields {
  header: Range[];
  children: Range[];
  /** Where each child's value (after its tag and length) starts and ends. */
  childValues: Range[];
}

/**
 * Reads the fields of a message in `[start, end)`: every field must be length-delimited (those of
 * a request, a `ResourceMetrics` and a `ScopeMetrics` are); `child` is the repeated one to split.
 * Undefined on anything else, which the whole-body decoding then judges.
 */
function fieldsOf(body: Uint8Array, start: number, end: number, child: number): Fields | undefined {
  const fields: Fields = { header: [], children: [], childValues: [] };
  let pos = start;
  while (pos < end) {
    const fieldStart = pos;
    let tag = 0;
    let shift = 0;
    let byte: number;
    do {
      if (pos >= end || shift > 28) return undefined;
      byte = body[pos++]!;
      tag |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    if ((tag & 7) !== LENGTH) return undefined;
    let length = 0;
    shift = 0;
    do {
      if (pos >= end || shift > 28) return undefined;
      byte = body[pos++]!;
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    const valueStart = pos;
    pos += length;
    if (pos > end) return undefined;
    if (tag >>> 3 === child) {
      fields.children.push([fieldStart, pos]);
      fields.childValues.push([valueStart, pos]);
    } else fields.header.push([fieldStart, pos]);
  }
  return fields;
}

function varintLength(value: number): number {
  let length = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
}

/** Writes a length-delimited field's tag and length at `pos`; answers where its value starts. */
function writeHeader(into: Uint8Array, pos: number, field: number, length: number): number {
  into[pos++] = (field << 3) | LENGTH;
  let value = length;
  while (value >= 0x80) {
    into[pos++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 128);
  }
  into[pos++] = value;
  return pos;
}

function rangesLength(ranges: readonly Range[]): number {
  let length = 0;
  for (const [start, end] of ranges) length += end - start;
  return length;
}

/**
 * The request `{ resource_metrics: [ { <resource header>, scope_metrics: [ { <scope header>,
 * <metrics> } ] } ] }`, built from the body's own bytes (the scope left out when undefined).
 */
function sliceBody(
  body: Uint8Array,
  resourceHeader: readonly Range[],
  scope: { header: readonly Range[]; metrics: readonly Range[] } | undefined,
): Uint8Array {
  const scopeLength = scope ? rangesLength(scope.header) + rangesLength(scope.metrics) : 0;
  const scopeField = scope ? 1 + varintLength(scopeLength) + scopeLength : 0;
  const resourceLength = rangesLength(resourceHeader) + scopeField;
  const out = new Uint8Array(1 + varintLength(resourceLength) + resourceLength);
  let pos = writeHeader(out, 0, 1, resourceLength);
  const copy = (ranges: readonly Range[]) => {
    for (const [start, end] of ranges) {
      out.set(body.subarray(start, end), pos);
      pos += end - start;
    }
  };
  copy(resourceHeader);
  if (scope) {
    pos = writeHeader(out, pos, 2, scopeLength);
    copy(scope.header);
    copy(scope.metrics);
  }
  return out;
}

/**
 * Cuts a protobuf `ExportMetricsServiceRequest` into requests of about {@link SLICE_BYTES} of
 * metrics each (metrics are never cut: a slice holds at least one), each a valid request of one
 * resource and one scope. Undefined when the body's structure is not the plain one (fields of
 * another wire type, a truncated field at these levels): the whole-body decoding judges it.
 */
export function sliceMetricsRequest(body: Uint8Array, sliceBytes = SLICE_BYTES): Slice[] | undefined {
  const request = fieldsOf(body, 0, body.byteLength, 1);
  if (request === undefined || request.header.length > 0) return undefined;
  const slices: Slice[] = [];
  for (let r = 0; r < request.childValues.length; r++) {
    const [resourceStart, resourceEnd] = request.childValues[r]!;
    const resource = fieldsOf(body, resourceStart, resourceEnd, 2);
    if (resource === undefined) return undefined;
    if (resource.childValues.length === 0) {
      slices.push({ resource: r, scope: -1, body: sliceBody(body, resource.header, undefined) });
    }
    for (let s = 0; s < resource.childValues.length; s++) {
      const [scopeStart, scopeEnd] = resource.childValues[s]!;
      const scope = fieldsOf(body, scopeStart, scopeEnd, 2);
      if (scope === undefined) return undefined;
      let metrics: Range[] = [];
      let bytes = 0;
      const flush = () => {
        slices.push({
          resource: r,
          scope: s,
          body: sliceBody(body, resource.header, { header: scope.header, metrics }),
        });
        metrics = [];
        bytes = 0;
      };
      for (const metric of scope.children) {
        metrics.push(metric);
        bytes += metric[1] - metric[0];
        if (bytes >= sliceBytes) flush();
      }
      if (metrics.length > 0 || scope.children.length === 0) flush();
    }
  }
  return slices;
}

/**
 * Decodes a protobuf metrics body slice by slice with the single-pass reader, letting the event
 * loop run between slices, and joins them into the request the whole body gives. Every slice is
 * decoded before the request is answered, so nothing is returned from a body that fails.
 * Undefined when the body cannot be sliced or a slice is not one the single-pass reader takes:
 * the caller decodes the whole body, which words the error.
 */
export async function readMetricsProtobufInSlices(
  body: Uint8Array,
  sliceBytes = SLICE_BYTES,
): Promise<MetricsRequest | undefined> {
  const slices = sliceMetricsRequest(body, sliceBytes);
  if (slices === undefined) return undefined;
  const joined: MetricsRequest = { resourceMetrics: [] };
  for (let index = 0; index < slices.length; index++) {
    if (index > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = slices[index]!;
    const part = readMetricsProtobuf(slice.body)?.resourceMetrics[0];
    if (part === undefined) return undefined;
    const resource = joined.resourceMetrics[slice.resource];
    if (resource === undefined) {
      joined.resourceMetrics.push(part);
      continue;
    }
    const scope = resource.scopeMetrics[slice.scope];
    const metrics = part.scopeMetrics[0]!;
    if (scope === undefined) resource.scopeMetrics.push(metrics);
    else for (const metric of metrics.metrics) scope.metrics.push(metric);
  }
  return joined;
}
