/**
 * Public types of the pricing engine. Other groqmeter packages (recorder, exporter, ledger) code
 * against these; change them only together with their users.
 */

/**
 * An exact amount of money: a whole number of quanta, where one USD is {@link QUANTA_PER_USD}
 * quanta (exported from `money.ts`). Never a float: nothing is rounded until it is displayed.
 */
export type Money = bigint;

/** Which part of a bill a cost belongs to; these are also the `component` label values. */
export type CostComponent =
  | 'input'
  | 'cached_input'
  | 'output'
  | 'audio_input'
  | 'audio_output'
  | 'audio'
  | 'speech'
  | 'tool';

/**
 * What one operation used, in the units Groq reports. Every field is optional; missing means
 * "not part of this operation", not "unknown".
 */
export interface Usage {
  /** Prompt tokens as Groq reports them (`usage.prompt_tokens`), cached tokens included. */
  inputTokens?: number;
  /** The cached part of {@link Usage.inputTokens} (`prompt_tokens_details.cached_tokens`). */
  cachedInputTokens?: number;
  /** Completion tokens as Groq reports them (`usage.completion_tokens`), reasoning included. */
  outputTokens?: number;
  /** The reasoning part of {@link Usage.outputTokens}; billed as output. */
  reasoningTokens?: number;
  /**
   * The audio part of {@link Usage.inputTokens} (OpenAI's `input_token_details.audio_tokens` or
   * `prompt_tokens_details.audio_tokens`), billed at the model's `audio_input` price.
   */
  audioInputTokens?: number;
  /**
   * The audio part of {@link Usage.outputTokens} (`completion_tokens_details.audio_tokens`),
   * billed at the model's `audio_output` price.
   */
  audioOutputTokens?: number;
  /** Audio duration in seconds for transcription/translation, before the 10 s minimum. */
  audioSeconds?: number;
  /** Input characters of a text-to-speech request. */
  characters?: number;
  /** Built-in tool use billed per call, by tool id (e.g. `{ 'web_search': 2 }`). */
  toolCalls?: Record<string, number>;
  /** Built-in tool use billed by time, in seconds, by tool id (e.g. `{ 'code_execution': 12.5 }`). */
  toolSeconds?: Record<string, number>;
}

/** How the request was served, which changes the price. */
export interface PriceOptions {
  /** The request ran as part of a batch job (discounted; does not stack with caching). */
  batch?: boolean;
  /**
   * The `service_tier` of the request (Groq: `on_demand`, `flex`, `auto`, `performance`; OpenAI:
   * `default`, `auto`, `flex`, `priority`). A tier with a discount (OpenAI's `flex`) is priced at it.
   */
  serviceTier?: string;
  /**
   * Who served the request (`groq`, `openai`): the model must resolve to an entry of this
   * provider, else the usage is unpriced. Absent: any provider's entry.
   */
  provider?: string;
  /** When the operation happened; selects the price in force then. Defaults to now. */
  at?: Date;
}

/** One line of a bill. */
export interface CostLine {
  component: CostComponent;
  /** Tool id for `tool` lines. */
  tool?: string;
  /** The billed quantity, after minimums (e.g. 10 s for a 3 s transcription). */
  quantity: number;
  /** The unit of {@link CostLine.quantity}: `token`, `second`, `character`, `call`. */
  unit: 'token' | 'second' | 'character' | 'call';
  amount: Money;
  /** Set when the price used is not confirmed by a primary source (see the catalogue notes). */
  unconfirmed?: boolean;
}

/** A priced operation. */
export interface KnownPrice {
  known: true;
  /** The model id as asked for. */
  requestedModel: string;
  /** The catalogue id it resolved to. */
  model: string;
  provider: 'groq' | 'openai' | string;
  lines: CostLine[];
  total: Money;
  /** {@link KnownPrice.total} as a decimal USD string with at least 9 decimals. */
  totalUsd: string;
  /**
   * Set when the usage is on or after the model's retirement date: Groq served it, so it is billed,
   * priced at the last known price period and flagged stale rather than unknown.
   */
  stale?: { retiredOn: string };
}

/** An operation that could not be priced; never silently 0. */
export interface UnknownPrice {
  known: false;
  requestedModel: string;
  /** Why: unknown model, unpriced service tier, usage of a kind the model has no price for. */
  reason: string;
}

export type PriceResult = KnownPrice | UnknownPrice;

/** A model's entry in the catalogue, as listed by {@link PriceBook.models}. */
export interface ModelPrice {
  id: string;
  provider: string;
  /** Other ids that resolve to this entry (dated snapshots, prefixed and deprecated names). */
  aliases: string[];
  /**
   * ISO date from which the prices apply (`1970-01-01`: since launch, no start date known; the
   * earliest period also prices older usage), and the date the model was retired, if it was.
   */
  effectiveFrom: string;
  retiredOn?: string;
  /** USD per unit as decimal strings, exactly as in the source (e.g. `{ input: '0.075', per: '1M tokens' }`). */
  prices: Record<string, UnitPrice>;
  /** Earlier price periods, oldest first (e.g. the gpt-oss launch prices before the 2025-10-16 cut). */
  history?: PricePeriod[];
  /** The batch discount on token prices; a model without one has no batch price. */
  batch?: BatchDiscount;
  /** Discounts on token prices for some `service_tier` values (OpenAI's `flex`: 50%). */
  serviceTierDiscounts?: Record<string, TierDiscount>;
  /** The `service_tier` values these prices apply to; absent means every tier. */
  serviceTiers?: string[];
  /** Audio billed per request at least this long, in seconds (Groq Whisper: 10). */
  audioMinimumSeconds?: number;
  /** Caveats and the sources of dates, in words. */
  notes?: string[];
}

/**
 * One price: USD per `per` as a decimal string. Keys of {@link ModelPrice.prices} are `input`,
 * `cached_input`, `output` (per tokens), `audio` (per time), `speech` (per characters) and
 * `tool:<id>` (per calls or per time).
 */
export interface UnitPrice {
  usd: string;
  per: string;
  source: string;
  /** The date of the source: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when it is dated no closer. */
  date: string;
  unconfirmed?: boolean;
}

/** Prices in force from `effectiveFrom` until the next period starts. */
export interface PricePeriod {
  effectiveFrom: string;
  prices: Record<string, UnitPrice>;
}

/** A percentage taken off every token price of a batch request. */
export interface BatchDiscount {
  percentOff: number;
  /**
   * Whether cached input gets the discount off its cached price (OpenAI). Absent or false: cached
   * tokens are billed at the batch input price, as Groq bills them (batch does not stack with caching).
   */
  stacksWithCaching?: boolean;
  source: string;
  date: string;
  unconfirmed?: boolean;
}

/** A percentage taken off every token price (cached input included) of a request in a service tier. */
export interface TierDiscount {
  percentOff: number;
  source: string;
  date: string;
  unconfirmed?: boolean;
}

/** Which operation a usage belongs to, for picking a baseline model. */
export type BaselineOperation = 'chat' | 'transcription' | 'translation' | 'speech';

/** A price catalogue: the shipped one, optionally with a user's overrides applied. */
export interface PriceBook {
  /** Price a usage on a model; unknown models and unpriced usage give an {@link UnknownPrice}. */
  price(model: string, usage: Usage, options?: PriceOptions): PriceResult;
  /**
   * What the same usage would cost on the baseline model for the operation (default `gpt-4o` for
   * chat, `whisper-1` for audio, `tts-1` for speech, or `baselineModel`). Components the baseline
   * has no equivalent for (built-in tools) are left out.
   */
  priceBaseline(operation: BaselineOperation, usage: Usage, baselineModel?: string): PriceResult;
  /** The catalogue entry a model id resolves to at a time (exact id, then aliases). */
  resolve(model: string, at?: Date): ModelPrice | undefined;
  /** Every entry, retired ones included. */
  models(): ModelPrice[];
}
