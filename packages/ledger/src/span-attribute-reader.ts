import { parseUsd } from '@groqmeter/pricing';
import type { Attributes } from '@opentelemetry/api';
import { InvalidSpanError } from './errors.js';

const DECIMAL_INTEGER = /^\d+$/;

/** What a value is, without echoing it: attribute values may carry anything the app put there. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : String(value);
  return typeof value;
}

/**
 * Typed access to a span's attributes. An absent attribute reads as `null`; one of the wrong type
 * throws, so that a malformed span is refused instead of becoming a wrong row.
 */
export class SpanAttributeReader {
  constructor(private readonly attributes: Attributes) {}

  string(key: string): string | null {
    return this.read(key, 'a string', (value) => (typeof value === 'string' ? value : undefined));
  }

  boolean(key: string): boolean | null {
    return this.read(key, 'a boolean', (value) => (typeof value === 'boolean' ? value : undefined));
  }

  /** An array of strings. */
  strings(key: string): string[] | null {
    return this.read(key, 'an array of strings', (value) =>
      Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value] : undefined,
    );
  }

  /** A whole number ≥ 0 that a double holds exactly. */
  count(key: string): number | null {
    return this.read(key, 'a whole number ≥ 0', (value) =>
      typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined,
    );
  }

  /** A finite number ≥ 0. */
  seconds(key: string): number | null {
    return this.read(key, 'a finite number ≥ 0', (value) =>
      typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined,
    );
  }

  /** A decimal USD string (`"0.000217500000"`) as exact money. */
  usd(key: string): bigint | null {
    return this.read(key, 'a decimal USD string such as "0.000217500000"', (value) => {
      if (typeof value !== 'string') return undefined;
      try {
        return parseUsd(value);
      } catch {
        return undefined;
      }
    });
  }

  /** A whole number of money quanta, as a decimal integer string. */
  quanta(key: string): bigint | null {
    return this.read(key, 'a decimal integer string of money quanta', (value) =>
      typeof value === 'string' && DECIMAL_INTEGER.test(value) ? BigInt(value) : undefined,
    );
  }

  private read<T>(key: string, expected: string, convert: (value: unknown) => T | undefined): T | null {
    const value = this.attributes[key];
    if (value === undefined || value === null) return null;
    const converted = convert(value);
    if (converted === undefined) {
      throw new InvalidSpanError(`attribute ${key} must be ${expected}, got ${describe(value)}`);
    }
    return converted;
  }
}
