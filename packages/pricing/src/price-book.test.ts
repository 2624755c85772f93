import { describe, expect, it } from 'vitest';
import { formatUsd, parseUsd as usd } from './money.js';
import { createPriceBook, defaultPriceBook, priceUsage } from './price-book.js';
import type { CostLine, KnownPrice, Money, PriceOptions, Usage } from './types.js';

/** A time when every current model is in force and the gpt-oss prices are the post-cut ones. */
const AT = new Date('2026-11-01T00:00:00Z');

type Line = [component: CostLine['component'], quantity: number, unit: CostLine['unit'], amount: Money];

function lines(...rows: (Line | [...Line, Partial<CostLine>])[]): CostLine[] {
  return rows.map(([component, quantity, unit, amount, extra]) => ({
    component,
    quantity,
    unit,
    amount,
    ...extra,
  }));
}

function known(
  requestedModel: string,
  model: string,
  provider: string,
  costLines: CostLine[],
  total: Money,
): KnownPrice {
  return {
    known: true,
    requestedModel,
    model,
    provider,
    lines: costLines,
    total,
    totalUsd: formatUsd(total),
  };
}

interface BillingCase {
  rule: string;
  model: string;
  usage: Usage;
  options?: PriceOptions;
  lines: CostLine[];
  total: Money;
  resolvedAs?: string;
  provider?: string;
}

// Every amount below is computed by hand in the comment beside it: price per unit × quantity.
const billingCases: BillingCase[] = [
  {
    rule: 'input and output tokens at their price per 1M',
    model: 'openai/gpt-oss-120b',
    usage: { inputTokens: 1_000_000, outputTokens: 500_000 },
    // 1,000,000 × 0.15 / 1M = 0.15; 500,000 × 0.60 / 1M = 0.30; total 0.45
    lines: lines(['input', 1_000_000, 'token', usd('0.15')], ['output', 500_000, 'token', usd('0.30')]),
    total: usd('0.45'),
  },
  {
    rule: 'cached input at the cached price, reasoning inside output',
    model: 'openai/gpt-oss-120b',
    usage: { inputTokens: 100_000, cachedInputTokens: 40_000, outputTokens: 2_000, reasoningTokens: 1_500 },
    // uncached 60,000 × 0.15 / 1M = 0.009; cached 40,000 × 0.075 / 1M = 0.003;
    // output 2,000 × 0.60 / 1M = 0.0012 (reasoning is part of it); total 0.0132
    lines: lines(
      ['input', 60_000, 'token', usd('0.009')],
      ['cached_input', 40_000, 'token', usd('0.003')],
      ['output', 2_000, 'token', usd('0.0012')],
    ),
    total: usd('0.0132'),
  },
  {
    rule: 'a sub-micro-dollar cached price stays exact',
    model: 'openai/gpt-oss-20b',
    usage: { inputTokens: 1_000, cachedInputTokens: 1_000, outputTokens: 1 },
    // cached 1,000 × 0.0375 / 1M = 0.0000375; output 1 × 0.30 / 1M = 0.0000003; total 0.0000378
    lines: lines(
      ['cached_input', 1_000, 'token', usd('0.0000375')],
      ['output', 1, 'token', usd('0.0000003')],
    ),
    total: usd('0.0000378'),
  },
  {
    rule: 'cached tokens at the input price where the model has no cached price',
    model: 'qwen/qwen3.6-27b',
    usage: { inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 1_000 },
    // uncached 6,000 × 0.60 / 1M = 0.0036; cached 4,000 × 0.60 / 1M = 0.0024; output 1,000 × 3.00 / 1M = 0.003
    lines: lines(
      ['input', 6_000, 'token', usd('0.0036')],
      ['cached_input', 4_000, 'token', usd('0.0024')],
      ['output', 1_000, 'token', usd('0.003')],
    ),
    total: usd('0.009'),
  },
  {
    rule: 'reasoning tokens are billed as output, not on their own',
    model: 'openai/gpt-oss-20b',
    usage: { outputTokens: 1_000, reasoningTokens: 1_000 },
    // 1,000 × 0.30 / 1M = 0.0003
    lines: lines(['output', 1_000, 'token', usd('0.0003')]),
    total: usd('0.0003'),
  },
  {
    rule: 'batch takes 50% off all tokens',
    model: 'openai/gpt-oss-20b',
    usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 },
    options: { batch: true },
    // 1M × 0.075 × 50% / 1M = 0.0375; 1M × 0.30 × 50% / 1M = 0.15 (TARS: batch 0.0375 / 0.15); total 0.1875
    lines: lines(['input', 1_000_000, 'token', usd('0.0375')], ['output', 1_000_000, 'token', usd('0.15')]),
    total: usd('0.1875'),
  },
  {
    rule: 'batch does not stack with caching: cached tokens at the batch input price',
    model: 'openai/gpt-oss-120b',
    usage: { inputTokens: 100_000, cachedInputTokens: 40_000, outputTokens: 2_000 },
    options: { batch: true },
    // uncached 60,000 × 0.075 / 1M = 0.0045; cached 40,000 × 0.075 / 1M = 0.003 (batch input, not 0.0375);
    // output 2,000 × 0.30 / 1M = 0.0006; total 0.0081
    lines: lines(
      ['input', 60_000, 'token', usd('0.0045')],
      ['cached_input', 40_000, 'token', usd('0.003')],
      ['output', 2_000, 'token', usd('0.0006')],
    ),
    total: usd('0.0081'),
  },
  {
    rule: 'flex is priced as on-demand',
    model: 'openai/gpt-oss-120b',
    usage: { inputTokens: 1_000_000 },
    options: { serviceTier: 'flex' },
    // 1M × 0.15 / 1M = 0.15
    lines: lines(['input', 1_000_000, 'token', usd('0.15')]),
    total: usd('0.15'),
  },
  {
    rule: 'on_demand and auto are priced as on-demand',
    model: 'openai/gpt-oss-120b',
    usage: { outputTokens: 1_000_000 },
    options: { serviceTier: 'auto' },
    // 1M × 0.60 / 1M = 0.60
    lines: lines(['output', 1_000_000, 'token', usd('0.60')]),
    total: usd('0.60'),
  },
  {
    rule: 'launch prices before the 2025-10-16 cut, cached billed at input then',
    model: 'openai/gpt-oss-120b',
    usage: { inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 1_000_000 },
    options: { at: new Date('2025-10-15T23:59:59.999Z') },
    // uncached 800,000 × 0.15 / 1M = 0.12; cached 200,000 × 0.15 / 1M = 0.03; output 1M × 0.75 / 1M = 0.75
    lines: lines(
      ['input', 800_000, 'token', usd('0.12')],
      ['cached_input', 200_000, 'token', usd('0.03')],
      ['output', 1_000_000, 'token', usd('0.75')],
    ),
    total: usd('0.90'),
  },
  {
    rule: 'the cut prices from 2025-10-16T00:00Z',
    model: 'openai/gpt-oss-20b',
    usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 },
    options: { at: new Date('2025-10-16T00:00:00Z') },
    // 1M × 0.075 / 1M = 0.075; 1M × 0.30 / 1M = 0.30
    lines: lines(['input', 1_000_000, 'token', usd('0.075')], ['output', 1_000_000, 'token', usd('0.30')]),
    total: usd('0.375'),
  },
  {
    rule: 'the earliest known prices also cover older usage',
    model: 'openai/gpt-oss-20b',
    usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 },
    options: { at: new Date('2025-01-01T00:00:00Z') },
    // launch prices: 1M × 0.10 / 1M = 0.10; 1M × 0.50 / 1M = 0.50
    lines: lines(['input', 1_000_000, 'token', usd('0.10')], ['output', 1_000_000, 'token', usd('0.50')]),
    total: usd('0.60'),
  },
  {
    rule: 'a retired model is priced for usage before its end date',
    model: 'llama-3.3-70b-versatile',
    usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 },
    options: { at: new Date('2026-08-15T23:59:59Z') },
    // 1M × 0.59 / 1M = 0.59; 1M × 0.79 / 1M = 0.79
    lines: lines(['input', 1_000_000, 'token', usd('0.59')], ['output', 1_000_000, 'token', usd('0.79')]),
    total: usd('1.38'),
  },
  {
    rule: 'audio below the minimum is billed 10 s',
    model: 'whisper-large-v3',
    usage: { audioSeconds: 3 },
    // 10 s × 0.111 / 3600 s = 0.00030833… USD = 3.996e17 × 10 / 3600 quanta
    lines: lines(['audio', 10, 'second', (usd('0.111') * 10n) / 3600n]),
    total: (usd('0.111') * 10n) / 3600n,
  },
  {
    rule: 'an empty transcription request is still billed 10 s',
    model: 'whisper-large-v3-turbo',
    usage: { audioSeconds: 0 },
    // 10 s × 0.04 / 3600 s
    lines: lines(['audio', 10, 'second', (usd('0.04') * 10n) / 3600n]),
    total: (usd('0.04') * 10n) / 3600n,
  },
  {
    rule: 'audio above the minimum is billed to the millisecond, rounded up',
    model: 'whisper-large-v3',
    usage: { audioSeconds: 12.3451 },
    // 12.3451 s → 12,346 ms; 12,346 ms × 0.111 / 3,600,000 ms
    lines: lines(['audio', 12.346, 'second', (usd('0.111') * 12_346n) / 3_600_000n]),
    total: (usd('0.111') * 12_346n) / 3_600_000n,
  },
  {
    rule: 'a whole hour of audio costs the hourly price',
    model: 'whisper-large-v3-turbo',
    usage: { audioSeconds: 3600 },
    // 3600 s × 0.04 / 3600 s = 0.04
    lines: lines(['audio', 3600, 'second', usd('0.04')]),
    total: usd('0.04'),
  },
  {
    rule: 'a per-minute price is billed per millisecond, with no minimum',
    model: 'whisper-1',
    usage: { audioSeconds: 3.2 },
    // 3,200 ms × 0.006 / 60,000 ms = 0.00032
    lines: lines(['audio', 3.2, 'second', usd('0.00032')]),
    total: usd('0.00032'),
    provider: 'openai',
  },
  {
    rule: 'speech per 1M characters',
    model: 'canopylabs/orpheus-v1-english',
    usage: { characters: 1_000 },
    // 1,000 × 22 / 1M = 0.022
    lines: lines(['speech', 1_000, 'character', usd('0.022')]),
    total: usd('0.022'),
  },
  {
    rule: 'Arabic speech at its own price',
    model: 'canopylabs/orpheus-arabic-saudi',
    usage: { characters: 250 },
    // 250 × 40 / 1M = 0.01
    lines: lines(['speech', 250, 'character', usd('0.01')]),
    total: usd('0.01'),
  },
  {
    rule: 'built-in tools per 1K calls and per hour, compound tokens left to the underlying models',
    model: 'groq/compound',
    usage: {
      toolCalls: { web_search: 3, advanced_search: 2, visit_website: 4 },
      toolSeconds: { code_execution: 90.5, browser_automation: 0.0004 },
    },
    // web 3 × 5 / 1000 = 0.015; advanced 2 × 8 / 1000 = 0.016; visit 4 × 1 / 1000 = 0.004;
    // code 90,500 ms × 0.18 / 3,600,000 ms = 0.004525; browser 0.0004 s → 1 ms × 0.08 / 3,600,000 ms
    lines: lines(
      ['tool', 3, 'call', usd('0.015'), { tool: 'web_search' }],
      ['tool', 2, 'call', usd('0.016'), { tool: 'advanced_search' }],
      ['tool', 4, 'call', usd('0.004'), { tool: 'visit_website' }],
      ['tool', 90.5, 'second', usd('0.004525'), { tool: 'code_execution' }],
      ['tool', 0.001, 'second', usd('0.08') / 3_600_000n, { tool: 'browser_automation', unconfirmed: true }],
    ),
    total: usd('0.039525') + usd('0.08') / 3_600_000n,
  },
  {
    rule: 'unconfirmed tool prices on gpt-oss are flagged',
    model: 'openai/gpt-oss-120b',
    usage: { inputTokens: 1_000, toolSeconds: { code_execution: 60 } },
    // input 1,000 × 0.15 / 1M = 0.00015; code 60,000 ms × 0.18 / 3,600,000 ms = 0.003
    lines: lines(
      ['input', 1_000, 'token', usd('0.00015')],
      ['tool', 60, 'second', usd('0.003'), { tool: 'code_execution', unconfirmed: true }],
    ),
    total: usd('0.00315'),
  },
  {
    rule: 'unconfirmed token prices are flagged',
    model: 'gemma2-9b-it',
    usage: { inputTokens: 1_000_000 },
    options: { at: new Date('2025-09-01T00:00:00Z') },
    // 1M × 0.20 / 1M = 0.20
    lines: lines(['input', 1_000_000, 'token', usd('0.20'), { unconfirmed: true }]),
    total: usd('0.20'),
  },
  {
    rule: 'zero usage of a kind the model has no price for is ignored',
    model: 'openai/gpt-oss-120b',
    usage: { inputTokens: 1_000, audioSeconds: 0, characters: 0, toolCalls: { wolfram_alpha: 0 } },
    // 1,000 × 0.15 / 1M = 0.00015
    lines: lines(['input', 1_000, 'token', usd('0.00015')]),
    total: usd('0.00015'),
  },
  {
    rule: 'batch leaves audio at the on-demand price (no published audio discount)',
    model: 'whisper-large-v3-turbo',
    usage: { audioSeconds: 3600 },
    options: { batch: true },
    // 3600 s × 0.04 / 3600 s = 0.04
    lines: lines(['audio', 3600, 'second', usd('0.04')]),
    total: usd('0.04'),
  },
  {
    rule: 'an empty usage costs nothing',
    model: 'openai/gpt-oss-120b',
    usage: {},
    lines: [],
    total: 0n,
  },
  {
    rule: 'a dated snapshot resolves through its alias',
    model: 'moonshotai/kimi-k2-instruct-0905',
    usage: { inputTokens: 1_000, cachedInputTokens: 500, outputTokens: 100 },
    options: { at: new Date('2026-01-01T00:00:00Z') },
    resolvedAs: 'moonshotai/kimi-k2-instruct',
    // uncached 500 × 1.00 / 1M = 0.0005; cached 500 × 0.50 / 1M = 0.00025; output 100 × 3.00 / 1M = 0.0003
    lines: lines(
      ['input', 500, 'token', usd('0.0005')],
      ['cached_input', 500, 'token', usd('0.00025')],
      ['output', 100, 'token', usd('0.0003')],
    ),
    total: usd('0.00105'),
  },
  {
    rule: 'OpenAI list prices with cached input',
    model: 'gpt-4o-2024-08-06',
    usage: { inputTokens: 10_000, cachedInputTokens: 2_000, outputTokens: 1_000 },
    resolvedAs: 'gpt-4o',
    provider: 'openai',
    // uncached 8,000 × 2.50 / 1M = 0.02; cached 2,000 × 1.25 / 1M = 0.0025; output 1,000 × 10 / 1M = 0.01
    lines: lines(
      ['input', 8_000, 'token', usd('0.02')],
      ['cached_input', 2_000, 'token', usd('0.0025')],
      ['output', 1_000, 'token', usd('0.01')],
    ),
    total: usd('0.0325'),
  },
  {
    rule: 'OpenAI gpt-5: cached input at a tenth, reasoning inside output',
    model: 'gpt-5',
    usage: { inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 2_000, reasoningTokens: 1_500 },
    provider: 'openai',
    options: { provider: 'openai', serviceTier: 'default' },
    // uncached 6,000 × 1.25 / 1M = 0.0075; cached 4,000 × 0.125 / 1M = 0.0005; output 2,000 × 10 / 1M = 0.02
    lines: lines(
      ['input', 6_000, 'token', usd('0.0075')],
      ['cached_input', 4_000, 'token', usd('0.0005')],
      ['output', 2_000, 'token', usd('0.02')],
    ),
    total: usd('0.028'),
  },
  {
    rule: 'OpenAI batch on the gpt-5 family halves the cached price too',
    model: 'gpt-5',
    usage: { inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 2_000 },
    provider: 'openai',
    options: { batch: true },
    // uncached 6,000 × 0.625 / 1M = 0.00375; cached 4,000 × 0.0625 / 1M = 0.00025; output 2,000 × 5 / 1M = 0.01
    lines: lines(
      ['input', 6_000, 'token', usd('0.00375')],
      ['cached_input', 4_000, 'token', usd('0.00025')],
      ['output', 2_000, 'token', usd('0.01')],
    ),
    total: usd('0.014'),
  },
  {
    rule: 'OpenAI batch on gpt-4o bills cached input at the batch input price',
    model: 'gpt-4o',
    usage: { inputTokens: 10_000, cachedInputTokens: 2_000, outputTokens: 1_000 },
    provider: 'openai',
    options: { batch: true },
    // uncached 8,000 × 1.25 / 1M = 0.01; cached 2,000 × 1.25 / 1M = 0.0025; output 1,000 × 5 / 1M = 0.005
    lines: lines(
      ['input', 8_000, 'token', usd('0.01')],
      ['cached_input', 2_000, 'token', usd('0.0025')],
      ['output', 1_000, 'token', usd('0.005')],
    ),
    total: usd('0.0175'),
  },
  {
    rule: 'OpenAI flex takes 50% off every token price, cached included',
    model: 'gpt-5-mini',
    usage: { inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 100_000 },
    provider: 'openai',
    options: { serviceTier: 'flex' },
    // uncached 800,000 × 0.125 / 1M = 0.1; cached 200,000 × 0.0125 / 1M = 0.0025; output 100,000 × 1.00 / 1M = 0.1
    lines: lines(
      ['input', 800_000, 'token', usd('0.1')],
      ['cached_input', 200_000, 'token', usd('0.0025')],
      ['output', 100_000, 'token', usd('0.1')],
    ),
    total: usd('0.2025'),
  },
  {
    rule: 'gpt-4o-transcribe bills text input, audio input and output tokens apart',
    model: 'gpt-4o-transcribe',
    usage: { inputTokens: 1_000, audioInputTokens: 900, outputTokens: 200 },
    provider: 'openai',
    // text 100 × 2.50 / 1M = 0.00025; audio 900 × 6 / 1M = 0.0054; output 200 × 10 / 1M = 0.002
    lines: lines(
      ['input', 100, 'token', usd('0.00025')],
      ['audio_input', 900, 'token', usd('0.0054')],
      ['output', 200, 'token', usd('0.002')],
    ),
    total: usd('0.00765'),
  },
  {
    rule: 'embeddings bill input tokens only',
    model: 'text-embedding-3-small',
    usage: { inputTokens: 12_345 },
    provider: 'openai',
    // 12,345 × 0.02 / 1M = 0.0002469
    lines: lines(['input', 12_345, 'token', usd('0.0002469')]),
    total: usd('0.0002469'),
  },
];

describe('billing rules', () => {
  it.each(billingCases)('$rule ($model)', (testCase) => {
    const result = defaultPriceBook.price(testCase.model, testCase.usage, { at: AT, ...testCase.options });
    expect(result).toEqual(
      known(
        testCase.model,
        testCase.resolvedAs ?? testCase.model,
        testCase.provider ?? 'groq',
        testCase.lines,
        testCase.total,
      ),
    );
  });

  it('writes the total as a 9-decimal USD string', () => {
    const result = priceUsage(
      'openai/gpt-oss-20b',
      { inputTokens: 1_000, cachedInputTokens: 1_000 },
      { at: AT },
    );
    // 1,000 × 0.0375 / 1M = 0.0000375
    expect(result.known && result.totalUsd).toBe('0.000037500');
  });
});

interface UnpricedCase {
  rule: string;
  model: string;
  usage: Usage;
  options?: PriceOptions;
  reason: string;
}

const ADD_A_PRICE =
  'add it in a price file (see the @groqmeter/pricing README, "Price files") and load it with createPriceBook({ overrides: loadPriceFile(path) }) or groqmeter-price --price-file';

const unpricedCases: UnpricedCase[] = [
  {
    rule: 'an unknown model',
    model: 'acme/unknown-model',
    usage: { inputTokens: 1 },
    reason: `unknown model "acme/unknown-model": it is not in the groqmeter price catalogue (ids match exactly, then declared aliases and groq/ or openai/ prefixes); ${ADD_A_PRICE}`,
  },
  {
    rule: 'ids are case-sensitive',
    model: 'OpenAI/gpt-oss-120b',
    usage: { inputTokens: 1 },
    reason: `unknown model "OpenAI/gpt-oss-120b": it is not in the groqmeter price catalogue (ids match exactly, then declared aliases and groq/ or openai/ prefixes); ${ADD_A_PRICE}`,
  },
  {
    rule: 'no fuzzy matching of an id without its prefix',
    model: 'gpt-oss-120b',
    usage: { inputTokens: 1 },
    reason: `unknown model "gpt-oss-120b": it is not in the groqmeter price catalogue (ids match exactly, then declared aliases and groq/ or openai/ prefixes); ${ADD_A_PRICE}`,
  },
  {
    rule: 'a prefix only resolves within its provider',
    model: 'openai/whisper-large-v3',
    usage: { audioSeconds: 1 },
    reason: `unknown model "openai/whisper-large-v3": it is not in the groqmeter price catalogue (ids match exactly, then declared aliases and groq/ or openai/ prefixes); ${ADD_A_PRICE}`,
  },
  {
    rule: 'a service tier with no published price',
    model: 'openai/gpt-oss-120b',
    usage: { inputTokens: 1 },
    options: { serviceTier: 'performance' },
    reason: `service tier "performance" has no published price for openai/gpt-oss-120b (priced tiers: on_demand, flex, auto); ${ADD_A_PRICE} with serviceTiers: ["performance"]`,
  },
  {
    rule: 'compound tokens (no own token price)',
    model: 'groq/compound-mini',
    usage: { inputTokens: 100, toolCalls: { web_search: 1 } },
    reason:
      'groq/compound-mini has no price for input tokens (its prices: tool:web_search, tool:advanced_search, tool:visit_website, tool:code_execution, tool:browser_automation); add the price in a price file if you are billed for it',
  },
  {
    rule: 'audio seconds on a chat model',
    model: 'qwen/qwen3.6-27b',
    usage: { inputTokens: 100, audioSeconds: 2 },
    reason:
      'qwen/qwen3.6-27b has no price for audio seconds (its prices: input, output); price it on a transcription model, or add an audio price',
  },
  {
    rule: 'characters on a chat model',
    model: 'qwen/qwen3.6-27b',
    usage: { characters: 20 },
    reason:
      'qwen/qwen3.6-27b has no price for speech characters (its prices: input, output); price it on a text-to-speech model, or add a speech price',
  },
  {
    rule: 'tokens on a transcription model',
    model: 'whisper-large-v3',
    usage: { audioSeconds: 20, outputTokens: 40 },
    reason:
      'whisper-large-v3 has no price for output tokens (its prices: audio); add the price in a price file if you are billed for it',
  },
  {
    rule: 'a tool the model has no price for',
    model: 'groq/compound',
    usage: { toolCalls: { wolfram_alpha: 1 } },
    reason:
      'groq/compound has no price for wolfram_alpha calls (its prices: tool:web_search, tool:advanced_search, tool:visit_website, tool:code_execution, tool:browser_automation); add a tool price in a price file if you are billed for it',
  },
  {
    rule: 'calls of a tool billed by time',
    model: 'groq/compound',
    usage: { toolCalls: { code_execution: 2 } },
    reason:
      'groq/compound has no price for code_execution calls (its prices: tool:web_search, tool:advanced_search, tool:visit_website, tool:code_execution, tool:browser_automation); code_execution is billed by time: report usage.toolSeconds',
  },
  {
    rule: 'time of a tool billed per call',
    model: 'groq/compound',
    usage: { toolSeconds: { web_search: 2 } },
    reason:
      'groq/compound has no price for web_search time (its prices: tool:web_search, tool:advanced_search, tool:visit_website, tool:code_execution, tool:browser_automation); web_search is billed per call: report usage.toolCalls',
  },
  {
    rule: 'batch on a model with no batch price',
    model: 'gpt-4o-mini-transcribe',
    usage: { inputTokens: 100 },
    options: { batch: true },
    reason:
      'gpt-4o-mini-transcribe has no price for batch requests (its prices: input, output, audio_input); add a batch discount for it in a price file, or price it without batch',
  },
  {
    rule: 'OpenAI priority processing has no price in the catalogue',
    model: 'gpt-5',
    usage: { inputTokens: 100 },
    options: { serviceTier: 'priority' },
    reason: `service tier "priority" has no published price for gpt-5 (priced tiers: default, auto, flex); ${ADD_A_PRICE} with serviceTiers: ["priority"]`,
  },
  {
    rule: 'a model of another provider than the one that served it',
    model: 'openai/gpt-oss-20b',
    usage: { inputTokens: 100 },
    options: { provider: 'openai' },
    reason: `"openai/gpt-oss-20b" is a groq model in the groqmeter price catalogue, but openai served it; ${ADD_A_PRICE} with provider "openai"`,
  },
  {
    rule: 'gpt-4o-mini-tts is billed in tokens the speech endpoint does not report',
    model: 'gpt-4o-mini-tts',
    usage: { characters: 120 },
    reason:
      'gpt-4o-mini-tts has no price for speech characters (its prices: input, audio_output); price it on a text-to-speech model, or add a speech price',
  },
];

describe('usage that cannot be priced', () => {
  it.each(unpricedCases)('$rule ($model)', ({ model, usage, options, reason }) => {
    expect(defaultPriceBook.price(model, usage, { at: AT, ...options })).toEqual({
      known: false,
      requestedModel: model,
      reason,
    });
  });
});

describe('model resolution', () => {
  it.each([
    ['groq/openai/gpt-oss-120b', 'openai/gpt-oss-120b'],
    ['groq/qwen/qwen3.6-27b', 'qwen/qwen3.6-27b'],
    ['groq/moonshotai/kimi-k2-instruct-0905', 'moonshotai/kimi-k2-instruct'],
    ['openai/gpt-4o', 'gpt-4o'],
    ['openai/gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['openai/gpt-oss-20b', 'openai/gpt-oss-20b'],
    ['groq/compound', 'groq/compound'],
  ])('resolves %s to %s', (requested, id) => {
    expect(defaultPriceBook.resolve(requested, AT)?.id).toBe(id);
  });

  it.each(['groq/gpt-4o', 'openai/qwen/qwen3.6-27b', 'GPT-4o', 'gpt-4o ', 'llama-3.3-70b'])(
    'does not resolve %j',
    (id) => {
      expect(defaultPriceBook.resolve(id, AT)).toBeUndefined();
    },
  );

  it('shows the price period in force at a time, with the earlier ones as history', () => {
    const before = defaultPriceBook.resolve('openai/gpt-oss-120b', new Date('2025-09-01T00:00:00Z'));
    const after = defaultPriceBook.resolve('openai/gpt-oss-120b', AT);
    expect([before?.effectiveFrom, Object.keys(before?.prices ?? {}), before?.history]).toEqual([
      '2025-08-06',
      ['input', 'output', 'tool:browser_search', 'tool:browser_open', 'tool:code_execution'],
      undefined,
    ]);
    expect([
      after?.effectiveFrom,
      after?.prices.output?.usd,
      after?.history?.map((period) => period.effectiveFrom),
    ]).toEqual(['2025-10-16', '0.60', ['2025-08-06']]);
  });

  it('prices a retired model Groq still served at its last prices, flagged stale', () => {
    // deepseek-r1-distill-llama-70b answered 200 five days after its 2025-10-02 retirement.
    const result = defaultPriceBook.price(
      'deepseek-r1-distill-llama-70b',
      { inputTokens: 1_000, outputTokens: 2_000 },
      { at: new Date('2025-10-07T12:00:00Z') },
    );
    // 1,000 × 0.75 / 1M = 0.00075; 2,000 × 0.99 / 1M = 0.00198; total 0.00273
    expect(result).toEqual({
      ...known(
        'deepseek-r1-distill-llama-70b',
        'deepseek-r1-distill-llama-70b',
        'groq',
        lines(
          ['input', 1_000, 'token', usd('0.00075'), { unconfirmed: true }],
          ['output', 2_000, 'token', usd('0.00198'), { unconfirmed: true }],
        ),
        usd('0.00273'),
      ),
      stale: { retiredOn: '2025-10-02' },
    });
    expect(result.known && result.total).toBe(9_828_000_000_000_000n);
    // The day before the retirement date it is priced and not stale.
    const before = defaultPriceBook.price(
      'deepseek-r1-distill-llama-70b',
      { inputTokens: 1 },
      { at: new Date('2025-10-01T23:59:59Z') },
    );
    expect(before.known && 'stale' in before).toBe(false);
  });

  it('keeps an unknown model unknown, never zero', () => {
    expect(defaultPriceBook.price('acme/never-listed', { inputTokens: 0 }, { at: AT }).known).toBe(false);
  });

  it('keeps a retired model resolvable, with its end date', () => {
    expect(defaultPriceBook.resolve('llama-3.1-8b-instant', AT)?.retiredOn).toBe('2026-08-16');
  });

  it('lists every model once, current period first, and the listing cannot be changed', () => {
    const models = defaultPriceBook.models();
    expect(new Set(models.map((model) => model.id)).size).toBe(models.length);
    const gptOss = models.find((model) => model.id === 'openai/gpt-oss-120b')!;
    expect(gptOss.effectiveFrom).toBe('2025-10-16');
    expect(() => {
      (gptOss.prices.input as { usd: string }).usd = '0';
    }).toThrow(TypeError);
  });
});

describe('usage validation', () => {
  it.each([
    [
      { inputTokens: -1 },
      'usage.inputTokens must be a whole number ≥ 0, got -1: pass the counts exactly as the API reports them',
    ],
    [
      { outputTokens: 1.5 },
      'usage.outputTokens must be a whole number ≥ 0, got 1.5: pass the counts exactly as the API reports them',
    ],
    [
      { cachedInputTokens: Number.NaN },
      'usage.cachedInputTokens must be a whole number ≥ 0, got NaN: pass the counts exactly as the API reports them',
    ],
    [
      { characters: 2 ** 53 },
      'usage.characters must be a whole number ≥ 0, got 9007199254740992: pass the counts exactly as the API reports them',
    ],
    [{ audioSeconds: -0.5 }, 'usage.audioSeconds must be a finite number of seconds ≥ 0, got -0.5'],
    [
      { audioSeconds: Number.POSITIVE_INFINITY },
      'usage.audioSeconds must be a finite number of seconds ≥ 0, got Infinity',
    ],
    [
      { toolCalls: { web_search: 0.5 } },
      'usage.toolCalls.web_search must be a whole number ≥ 0, got 0.5: pass the counts exactly as the API reports them',
    ],
    [
      { toolSeconds: { code_execution: -1 } },
      'usage.toolSeconds.code_execution must be a finite number of seconds ≥ 0, got -1',
    ],
    [
      { inputTokens: 100, cachedInputTokens: 120 },
      'usage.cachedInputTokens (120) is more than usage.inputTokens (100): inputTokens counts all of them, cachedInputTokens included, as Groq reports it',
    ],
    [
      { reasoningTokens: 5 },
      'usage.reasoningTokens (5) is more than usage.outputTokens (0): outputTokens counts all of them, reasoningTokens included, as Groq reports it',
    ],
  ] as [Usage, string][])('rejects %j', (usage, message) => {
    expect(() => defaultPriceBook.price('openai/gpt-oss-120b', usage, { at: AT })).toThrow(
      new RangeError(message),
    );
  });

  it('rejects an invalid date', () => {
    expect(() => defaultPriceBook.price('openai/gpt-oss-120b', {}, { at: new Date('nope') })).toThrow(
      new RangeError('options.at must be a valid Date, got Invalid Date'),
    );
  });
});

describe('baselines', () => {
  const usage: Usage = {
    inputTokens: 10_000,
    cachedInputTokens: 2_000,
    outputTokens: 1_000,
    toolCalls: { web_search: 2 },
  };

  it('prices chat on gpt-4o by default, leaving built-in tools out', () => {
    expect(defaultPriceBook.priceBaseline('chat', usage)).toEqual(
      known(
        'gpt-4o',
        'gpt-4o',
        'openai',
        // uncached 8,000 × 2.50 / 1M = 0.02; cached 2,000 × 1.25 / 1M = 0.0025; output 1,000 × 10 / 1M = 0.01
        lines(
          ['input', 8_000, 'token', usd('0.02')],
          ['cached_input', 2_000, 'token', usd('0.0025')],
          ['output', 1_000, 'token', usd('0.01')],
        ),
        usd('0.0325'),
      ),
    );
  });

  it('prices transcription and translation on whisper-1, with no 10 s minimum', () => {
    // 3,000 ms × 0.006 / 60,000 ms = 0.0003
    const expected = known(
      'whisper-1',
      'whisper-1',
      'openai',
      lines(['audio', 3, 'second', usd('0.0003')]),
      usd('0.0003'),
    );
    expect(defaultPriceBook.priceBaseline('transcription', { audioSeconds: 3 })).toEqual(expected);
    expect(defaultPriceBook.priceBaseline('translation', { audioSeconds: 3 })).toEqual(expected);
  });

  it('prices speech on tts-1', () => {
    // 1,000 × 15 / 1M = 0.015
    expect(defaultPriceBook.priceBaseline('speech', { characters: 1_000 })).toEqual(
      known('tts-1', 'tts-1', 'openai', lines(['speech', 1_000, 'character', usd('0.015')]), usd('0.015')),
    );
  });

  it('takes another baseline model', () => {
    // uncached 8,000 × 0.40 / 1M = 0.0032; cached 2,000 × 0.10 / 1M = 0.0002; output 1,000 × 1.60 / 1M = 0.0016
    expect(defaultPriceBook.priceBaseline('chat', usage, 'gpt-4.1-mini')).toEqual(
      known(
        'gpt-4.1-mini',
        'gpt-4.1-mini',
        'openai',
        lines(
          ['input', 8_000, 'token', usd('0.0032')],
          ['cached_input', 2_000, 'token', usd('0.0002')],
          ['output', 1_000, 'token', usd('0.0016')],
        ),
        usd('0.005'),
      ),
    );
  });

  it('keeps comparing with a baseline after it retires', () => {
    const book = createPriceBook({
      overrides: {
        models: [
          {
            id: 'gpt-4o',
            provider: 'openai',
            effectiveFrom: '2025-01-01',
            retiredOn: '2025-06-01',
            prices: { input: { usd: '2.50', per: '1M tokens' } },
          },
        ],
      },
    });
    // 1M × 2.50 / 1M = 2.50
    expect(book.priceBaseline('chat', { inputTokens: 1_000_000 })).toEqual(
      known('gpt-4o', 'gpt-4o', 'openai', lines(['input', 1_000_000, 'token', usd('2.50')]), usd('2.50')),
    );
    // Served after retirement: priced (1 × 2.50 / 1M = 0.0000025) and flagged, never unknown.
    expect(book.price('gpt-4o', { inputTokens: 1 }, { at: AT })).toEqual({
      ...known(
        'gpt-4o',
        'gpt-4o',
        'openai',
        lines(['input', 1, 'token', usd('0.0000025')]),
        usd('0.0000025'),
      ),
      stale: { retiredOn: '2025-06-01' },
    });
  });

  it('reports an unknown baseline model', () => {
    expect(defaultPriceBook.priceBaseline('chat', usage, 'gpt-9')).toEqual({
      known: false,
      requestedModel: 'gpt-9',
      reason: `unknown model "gpt-9": it is not in the groqmeter price catalogue (ids match exactly, then declared aliases and groq/ or openai/ prefixes); ${ADD_A_PRICE}`,
    });
  });

  it('reports an operation with no default baseline', () => {
    expect(defaultPriceBook.priceBaseline('embeddings' as 'chat', usage)).toEqual({
      known: false,
      requestedModel: 'embeddings',
      reason:
        'no default baseline for operation "embeddings"; expected chat, transcription, translation or speech, or pass a baseline model',
    });
  });
});

describe('overrides', () => {
  it('replace a catalogue entry completely, aliases and history included', () => {
    const book = createPriceBook({
      overrides: {
        models: [
          {
            id: 'moonshotai/kimi-k2-instruct',
            provider: 'groq',
            prices: { input: { usd: '0.80', per: '1M tokens', source: 'our contract' } },
          },
        ],
      },
    });
    // 1M × 0.80 / 1M = 0.80, and the retirement date is gone with the catalogue entry
    expect(book.price('moonshotai/kimi-k2-instruct', { inputTokens: 1_000_000 }, { at: AT })).toEqual(
      known(
        'moonshotai/kimi-k2-instruct',
        'moonshotai/kimi-k2-instruct',
        'groq',
        lines(['input', 1_000_000, 'token', usd('0.80')]),
        usd('0.80'),
      ),
    );
    expect(book.resolve('moonshotai/kimi-k2-instruct-0905')).toBeUndefined();
    expect(book.resolve('moonshotai/kimi-k2-instruct')).toEqual({
      id: 'moonshotai/kimi-k2-instruct',
      provider: 'groq',
      aliases: [],
      effectiveFrom: '1970-01-01',
      prices: { input: { usd: '0.80', per: '1M tokens', source: 'our contract', date: '1970-01-01' } },
    });
  });

  it('add models, resolve their groq/ prefix, and later files win', () => {
    const first = {
      models: [
        {
          id: 'acme/fine-tune',
          provider: 'groq',
          prices: { output: { usd: '1', per: '1M tokens' as const } },
        },
      ],
    };
    const second = {
      models: [
        {
          id: 'acme/fine-tune',
          provider: 'groq',
          prices: { output: { usd: '2', per: '1M tokens' as const } },
        },
      ],
    };
    const book = createPriceBook({ overrides: [first, second] });
    // 1M × 2 / 1M = 2
    expect(book.price('groq/acme/fine-tune', { outputTokens: 1_000_000 })).toEqual(
      known(
        'groq/acme/fine-tune',
        'acme/fine-tune',
        'groq',
        lines(['output', 1_000_000, 'token', usd('2')]),
        usd('2'),
      ),
    );
  });

  it('price an Enterprise service tier when the file lists it', () => {
    const book = createPriceBook({
      overrides: {
        models: [
          {
            id: 'openai/gpt-oss-120b',
            provider: 'groq',
            serviceTiers: ['performance'],
            prices: { input: { usd: '0.30', per: '1M tokens' } },
          },
        ],
      },
    });
    // 1M × 0.30 / 1M = 0.30
    expect(
      book.price('openai/gpt-oss-120b', { inputTokens: 1_000_000 }, { serviceTier: 'performance' }),
    ).toEqual(
      known(
        'openai/gpt-oss-120b',
        'openai/gpt-oss-120b',
        'groq',
        lines(['input', 1_000_000, 'token', usd('0.30')]),
        usd('0.30'),
      ),
    );
  });

  it('are validated like a price file', () => {
    expect(() =>
      createPriceBook({
        overrides: { models: [{ id: 'x', provider: 'groq', prices: { input: { usd: 1 } } }] } as never,
      }),
    ).toThrow(
      'overrides[0]: models[0].prices.input.usd: expected a decimal string of USD such as "0.075" (quote the number so no digit is lost), got the number 1',
    );
  });
});
