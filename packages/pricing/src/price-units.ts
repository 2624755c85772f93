/**
 * The units prices are quoted in, and the unit each is billed in. Audio and tool time are billed
 * per millisecond (rounded up), whatever unit the price is quoted per.
 */
export type BillingUnit = 'token' | 'millisecond' | 'character' | 'call';

/** A unit a price can be quoted per (the `per` of a price). */
export type PriceUnit =
  | '1M tokens'
  | '1K tokens'
  | 'token'
  | 'hour'
  | 'minute'
  | 'second'
  | '1M characters'
  | '1K characters'
  | 'character'
  | '1K calls'
  | 'call';

/** For each quoted unit: what it bills and how many billing units it spans. */
export const PRICE_UNITS: Readonly<Record<PriceUnit, { billing: BillingUnit; size: bigint }>> = {
  '1M tokens': { billing: 'token', size: 1_000_000n },
  '1K tokens': { billing: 'token', size: 1_000n },
  token: { billing: 'token', size: 1n },
  hour: { billing: 'millisecond', size: 3_600_000n },
  minute: { billing: 'millisecond', size: 60_000n },
  second: { billing: 'millisecond', size: 1_000n },
  '1M characters': { billing: 'character', size: 1_000_000n },
  '1K characters': { billing: 'character', size: 1_000n },
  character: { billing: 'character', size: 1n },
  '1K calls': { billing: 'call', size: 1_000n },
  call: { billing: 'call', size: 1n },
};

/** Price keys other than tools; tools are `tool:<id>`. */
export type UsagePriceKey =
  | 'input'
  | 'cached_input'
  | 'output'
  | 'audio_input'
  | 'audio_output'
  | 'audio'
  | 'speech';

const BILLING_BY_KEY: Readonly<Record<UsagePriceKey, BillingUnit>> = {
  input: 'token',
  cached_input: 'token',
  output: 'token',
  audio_input: 'token',
  audio_output: 'token',
  audio: 'millisecond',
  speech: 'character',
};

/** `tool:` followed by a lower-case id such as `web_search` or `code_execution`. */
const TOOL_KEY = /^tool:([a-z0-9][a-z0-9_.-]*)$/;

/** The price key of a built-in tool. */
export function toolKey(tool: string): string {
  return `tool:${tool}`;
}

/** Whether `unit` is a quoted unit groqmeter knows. */
export function isPriceUnit(unit: string): unit is PriceUnit {
  return Object.hasOwn(PRICE_UNITS, unit);
}

/**
 * The quoted units a price key accepts (tools: per call or per unit of time), or `undefined` for
 * a key that is neither a usage key nor `tool:<id>`.
 */
export function unitsForKey(key: string): PriceUnit[] | undefined {
  const units = Object.keys(PRICE_UNITS) as PriceUnit[];
  if (Object.hasOwn(BILLING_BY_KEY, key)) {
    const billing = BILLING_BY_KEY[key as UsagePriceKey];
    return units.filter((unit) => PRICE_UNITS[unit].billing === billing);
  }
  if (TOOL_KEY.test(key)) {
    return units.filter((unit) => ['call', 'millisecond'].includes(PRICE_UNITS[unit].billing));
  }
  return undefined;
}
