import { isRecord } from './is-record';

/**
 * A deterministic JSON value that satisfies a JSON schema as far as tool arguments and structured
 * outputs need: every declared property of an object is filled (so `required` always holds),
 * `enum`/`const` pick their first value, `anyOf`/`oneOf` their first non-null branch, `allOf` is
 * merged, local `$ref`s (`#/...`) are followed, and numeric and length bounds are respected.
 *
 * @param schema a JSON schema object (anything else yields `{}`)
 */
export function exampleForSchema(schema: unknown): unknown {
  return exampleOf(schema, isRecord(schema) ? schema : {}, 'value', 0);
}

const MAX_DEPTH = 8;

function exampleOf(schema: unknown, root: Record<string, unknown>, name: string, depth: number): unknown {
  if (!isRecord(schema) || depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') return exampleOf(resolveRef(schema.$ref, root), root, name, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('default' in schema && schema.default !== undefined) return schema.default;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const branch = branches.find((b) => !(isRecord(b) && b.type === 'null')) ?? branches[0];
      return exampleOf(branch, root, name, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    const merged: Record<string, unknown> = {};
    for (const part of schema.allOf) {
      const value = exampleOf(part, root, name, depth + 1);
      if (isRecord(value)) Object.assign(merged, value);
    }
    return merged;
  }
  switch (schemaType(schema)) {
    case 'object':
      return objectExample(schema, root, depth);
    case 'array':
      return arrayExample(schema, root, name, depth);
    case 'string':
      return stringExample(schema, name);
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return isRecord(schema.properties) ? objectExample(schema, root, depth) : `${name} value`;
  }
}

function schemaType(schema: Record<string, unknown>): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) {
    const first = schema.type.find((t) => t !== 'null') ?? schema.type[0];
    return typeof first === 'string' ? first : undefined;
  }
  return undefined;
}

function objectExample(
  schema: Record<string, unknown>,
  root: Record<string, unknown>,
  depth: number,
): unknown {
  const out: Record<string, unknown> = {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [];
  for (const key of new Set([...Object.keys(properties), ...required])) {
    out[key] = exampleOf(properties[key] ?? {}, root, key, depth + 1);
  }
  return out;
}

function arrayExample(
  schema: Record<string, unknown>,
  root: Record<string, unknown>,
  name: string,
  depth: number,
): unknown[] {
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const items: unknown[] = [];
  for (let i = 0; i < Math.max(1, minItems); i += 1)
    items.push(exampleOf(schema.items ?? {}, root, name, depth + 1));
  return items;
}

const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
};

function stringExample(schema: Record<string, unknown>, name: string): string {
  const formatted = typeof schema.format === 'string' ? FORMAT_EXAMPLES[schema.format] : undefined;
  let value = formatted ?? `${name} value`;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  while (value.length < minLength) value += 'x';
  if (value.length > maxLength) value = value.slice(0, maxLength);
  return value;
}

function numberExample(schema: Record<string, unknown>, integer: boolean): number {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const exclusiveMinimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  let value = 1;
  if (minimum !== undefined) value = Math.max(value, minimum);
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) value = exclusiveMinimum + 1;
  if (maximum !== undefined && value > maximum) value = maximum;
  return integer ? Math.ceil(value) : value;
}

function resolveRef(ref: string, root: Record<string, unknown>): unknown {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) ? node[key] : undefined;
  }
  return node ?? {};
}
