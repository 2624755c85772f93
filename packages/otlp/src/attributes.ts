/** An OTLP `AnyValue`: int64 values become numbers, bytes stay base64 strings (proto3 JSON). */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

/** Attributes in the order they were sent (the last duplicate key wins). */
export type Attributes = Map<string, AttributeValue>;
