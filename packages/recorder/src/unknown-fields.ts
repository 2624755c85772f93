/**
 * Readers for values of unknown shape (SDK responses, callback payloads): they never throw and
 * never trust a type they have not checked. Every adapter reads its SDK's objects with these.
 */

/** A property of `value` when it is an object, else undefined. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * `value` as a record when it is an object, else undefined. Hot readers (every response, every
 * stream chunk) read `record?.name` through it: a named property load at each site instead of
 * `field`'s one shared keyed load, which goes megamorphic and dominated a chunk's CPU.
 */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** `value` when it is a finite number, else undefined. */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `value` when it is a non-empty string, else undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A property that is a finite number, else undefined. */
export function numberField(value: unknown, key: string): number | undefined {
  return finiteNumber(field(value, key));
}

/** A property that is a non-empty string, else undefined. */
export function stringField(value: unknown, key: string): string | undefined {
  return nonEmptyString(field(value, key));
}

/** A property that is an array, else an empty array. */
export function arrayField(value: unknown, key: string): unknown[] {
  const found = field(value, key);
  return Array.isArray(found) ? found : [];
}

/** A copy of `value` without its `undefined` properties, so that `toEqual` and spreads stay exact. */
export function definedOnly<T extends object>(value: T): T {
  // A plain loop: adapters call this on every response, and entries/filter/fromEntries allocate
  // an array per property.
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const entry = source[key];
    if (entry !== undefined) result[key] = entry;
  }
  return result as T;
}
