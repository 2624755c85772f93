import type { Attributes, AttributeValue } from './attributes.js';

/**
 * Readers for the fields of a decoded OTLP request: OTLP/JSON as parsed, or a protobuf message
 * turned into a plain object with int64 as strings and bytes as base64. Field names are accepted
 * in lowerCamelCase and in the proto's snake_case, int64 as strings or numbers, as proto3 JSON
 * allows. Every reader names the offending field in its {@link PayloadError}.
 */

/** A request that is not a well-formed OTLP export request; nothing of it is applied. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

export type JsonObject = Record<string, unknown>;

/** How trace and span ids are written: hex in OTLP/JSON, base64 once protobuf bytes are turned into an object. */
export type IdEncoding = 'hex' | 'base64';

/** Deeper `AnyValue` nesting than this is refused rather than walked. */
const MAX_VALUE_DEPTH = 16;
const ANY_VALUE_FIELDS = [
  'stringValue',
  'boolValue',
  'intValue',
  'doubleValue',
  'arrayValue',
  'kvlistValue',
  'bytesValue',
] as const;
const UNSIGNED_INTEGER = /^\d+$/;
const SIGNED_INTEGER = /^-?\d+$/;
const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const UINT64_MAX = 2n ** 64n - 1n;
const SPECIAL_DOUBLES: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** A member by its lowerCamelCase name, or by the proto's snake_case name. */
export function field(object: JsonObject, camelName: string): unknown {
  const value = object[camelName];
  if (value !== undefined || camelName in object) return value;
  return object[snakeCase(camelName)];
}

/**
 * Snake-case spellings by camelCase field name. Absent optional fields are looked up under both
 * spellings on every point, so the conversion is done once per field name (a fixed set: the
 * names this package reads).
 */
const snakeCaseNames = new Map<string, string>();

function snakeCase(camelName: string): string {
  let snakeName = snakeCaseNames.get(camelName);
  if (snakeName === undefined) {
    snakeName = camelName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    snakeCaseNames.set(camelName, snakeName);
  }
  return snakeName;
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PayloadError(`${path}: expected an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

/** A repeated field; absent or null reads as empty. */
export function arrayField(object: JsonObject, name: string, path: string): unknown[] {
  const value = field(object, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new PayloadError(`${path}.${name}: expected an array, got ${describe(value)}`);
  }
  return value;
}

export function stringField(object: JsonObject, name: string, path: string): string {
  const value = field(object, name);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new PayloadError(`${path}.${name}: expected a string, got ${describe(value)}`);
  }
  return value;
}

export function booleanField(object: JsonObject, name: string, path: string): boolean {
  const value = field(object, name);
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') {
    throw new PayloadError(`${path}.${name}: expected a boolean, got ${describe(value)}`);
  }
  return value;
}

/** A `fixed64` time in nanoseconds since the epoch; `0n` when not set. */
export function timeField(object: JsonObject, name: string, path: string): bigint {
  const value = field(object, name);
  if (value === undefined || value === null) return 0n;
  return readUint64(value, `${path}.${name}`);
}

export function readUint64(value: unknown, path: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && UNSIGNED_INTEGER.test(value)) {
    const integer = BigInt(value);
    if (integer <= UINT64_MAX) return integer;
  }
  throw new PayloadError(`${path}: expected an unsigned 64-bit integer, got ${describe(value)}`);
}

export function readInt64(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && SIGNED_INTEGER.test(value)) return Number(value);
  throw new PayloadError(`${path}: expected a 64-bit integer, got ${describe(value)}`);
}

/** A double, also as proto3 JSON writes it: a decimal string, `"NaN"`, `"Infinity"` or `"-Infinity"`. */
export function readDouble(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value in SPECIAL_DOUBLES) return SPECIAL_DOUBLES[value]!;
    const parsed = Number(value);
    if (value.trim() !== '' && Number.isFinite(parsed)) return parsed;
  }
  throw new PayloadError(`${path}: expected a number, got ${describe(value)}`);
}

/** A trace id (16 bytes) or span id (8 bytes) as lowercase hex; all zeros is invalid, as OTLP says. */
export function readId(value: unknown, bytes: number, path: string, ids: IdEncoding): string {
  const expected =
    ids === 'hex' ? `expected ${bytes} bytes (${bytes * 2} hex digits)` : `expected ${bytes} bytes`;
  if (typeof value !== 'string') throw new PayloadError(`${path}: ${expected}, got ${describe(value)}`);
  const hex = ids === 'hex' ? (HEX.test(value) ? value.toLowerCase() : '') : base64ToHex(value);
  if (hex.length !== bytes * 2) throw new PayloadError(`${path}: ${expected}, got ${describe(value)}`);
  if (/^0+$/.test(hex)) throw new PayloadError(`${path}: an id of all zeros is invalid`);
  return hex;
}

function base64ToHex(value: string): string {
  return BASE64.test(value) ? Buffer.from(value, 'base64').toString('hex') : '';
}

/** The `attributes` of a resource, scope, data point or span. */
export function readAttributes(owner: JsonObject, path: string): Attributes {
  return new Map(readKeyValues(arrayField(owner, 'attributes', path), `${path}.attributes`, 0));
}

function readKeyValues(items: unknown[], path: string, depth: number): [string, AttributeValue][] {
  return items.map((item, index) => {
    const itemPath = `${path}[${index}]`;
    const keyValue = asObject(item, itemPath);
    const key = field(keyValue, 'key');
    if (typeof key !== 'string') {
      throw new PayloadError(`${itemPath}.key: expected a string, got ${describe(key)}`);
    }
    return [key, readAnyValue(field(keyValue, 'value'), `${itemPath}.value`, depth)];
  });
}

function readAnyValue(value: unknown, path: string, depth: number): AttributeValue {
  if (value === undefined || value === null) return null;
  if (depth > MAX_VALUE_DEPTH) {
    throw new PayloadError(`${path}: attribute values nest deeper than ${MAX_VALUE_DEPTH} levels`);
  }
  const object = asObject(value, path);
  const present = ANY_VALUE_FIELDS.filter((key) => {
    const member = field(object, key);
    return member !== undefined && member !== null;
  });
  if (present.length > 1) {
    throw new PayloadError(`${path}: an AnyValue carries one value, found ${present.join(' and ')}`);
  }
  const kind = present[0];
  if (kind === undefined) return null;
  const member = field(object, kind);
  const memberPath = `${path}.${kind}`;
  switch (kind) {
    case 'stringValue':
    case 'bytesValue':
      if (typeof member !== 'string') {
        throw new PayloadError(`${memberPath}: expected a string, got ${describe(member)}`);
      }
      return member;
    case 'boolValue':
      if (typeof member !== 'boolean') {
        throw new PayloadError(`${memberPath}: expected a boolean, got ${describe(member)}`);
      }
      return member;
    case 'intValue':
      return readInt64(member, memberPath);
    case 'doubleValue':
      return readDouble(member, memberPath);
    case 'arrayValue':
      return arrayField(asObject(member, memberPath), 'values', memberPath).map((item, index) =>
        readAnyValue(item, `${memberPath}.values[${index}]`, depth + 1),
      );
    case 'kvlistValue': {
      const valuesPath = `${memberPath}.values`;
      const values = arrayField(asObject(member, memberPath), 'values', memberPath);
      return Object.fromEntries(readKeyValues(values, valuesPath, depth + 1));
    }
  }
}

/** A value as an error message may show it. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  // Payload strings are never echoed: they may carry anything the sender put in an attribute.
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return String(value);
}
