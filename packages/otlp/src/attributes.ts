/** An OTLP `AnyValue`: int64 values become numbers, bytes stay base64 strings (proto3 JSON). */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

/**
 * Attributes in the order they were sent (the last duplicate key wins). Read-only: the JSON
 * reader hands the same attributes to every point that sent the same ones.
 */
export type Attributes = ReadonlyMap<string, AttributeValue>;

/** Attributes while a reader fills them. */
export type AttributesBuilder = Map<string, AttributeValue>;
