import type { OperationStats } from '@groqmeter/groq-simulator';
import { defaultPriceBook, toUsdNumber } from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import { type Expected, expectedValues, type Traffic } from './expected-values.js';

function operation(values: Partial<OperationStats>): OperationStats {
  return {
    requests: {},
    promptTokens: 0,
    cachedTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    audioSeconds: 0,
    audioBilledSeconds: 0,
    speechCharacters: 0,
    faults: {},
    clientAborts: 0,
    toolCalls: {},
    batchRequests: 0,
    ...values,
  };
}

const traffic: Traffic = {
  stats: {
    models: {
      'openai/gpt-oss-20b': {
        chat: operation({
          requests: { '200': 3, '429': 1 },
          promptTokens: 400,
          cachedTokens: 128,
          completionTokens: 96,
        }),
      },
      'whisper-large-v3-turbo': {
        transcription: operation({ requests: { '200': 1 }, audioSeconds: 4, audioBilledSeconds: 10 }),
      },
    },
  },
  limitsOf: (model) =>
    model === 'openai/gpt-oss-20b' ? { requestsPerDay: 6, tokensPerMinute: 1000 } : { requestsPerDay: 2000 },
  unreportedTokens: {},
  builtInToolCalls: {},
  batchesMetered: false,
  streamedCompound: new Set(),
  openAiModels: new Set(),
  usageMissing: [],
  monthlyBudgetUsd: 1,
  rangeSeconds: 3600,
  evaluationTime: Date.UTC(2026, 1, 10) / 1000,
};

const usd = (model: string, usage: Parameters<typeof defaultPriceBook.price>[1]) => {
  const price = defaultPriceBook.price(model, usage);
  if (!price.known) throw new Error(price.reason);
  return toUsdNumber(price.total);
};

describe('expectedValues', () => {
  const expected = expectedValues(traffic);
  const chatSpend = usd('openai/gpt-oss-20b', { inputTokens: 400, cachedInputTokens: 128, outputTokens: 96 });
  const audioSpend = usd('whisper-large-v3-turbo', { audioSeconds: 10 });

  it('prices what the simulator served, audio after its 10 s minimum', () => {
    expect(expected.spend).toEqual({ kind: 'total', value: chatSpend + audioSpend });
    expect(expected.audio_speech_spend).toEqual({ kind: 'total', value: audioSpend });
    expect(expected.audio_billed_minutes).toEqual({ kind: 'total', value: 10 / 60 });
  });

  it('forecasts over the days of the evaluation month (February 2026: 28)', () => {
    expect(expected.spend_forecast).toEqual({
      kind: 'total',
      value: ((chatSpend + audioSpend) * 28 * 86_400) / 3600,
    });
  });

  it('counts tokens of chat answers only', () => {
    expect(expected.input_tokens).toEqual({ kind: 'total', value: 400 });
    expect(expected.output_tokens).toEqual({ kind: 'total', value: 96 });
  });

  it('charges admitted requests and their uncached tokens to the budgets, not the 429', () => {
    expect(expected.ratelimit_remaining).toEqual({
      kind: 'by',
      labels: ['model', 'resource'],
      values: new Map([
        ['openai/gpt-oss-20b|requests', 3],
        ['openai/gpt-oss-20b|tokens', 1000 - (400 - 128 + 96)],
        ['whisper-large-v3-turbo|requests', 1999],
      ]),
    });
    expect(expected.lowest_headroom).toEqual({ kind: 'minimum', value: 0.5 });
    expect(expected.ratelimit_hits).toEqual({ kind: 'total', value: 1 });
  });

  it('narrows everything to one model', () => {
    const whisper = expectedValues(traffic, 'whisper-large-v3-turbo');
    expect(whisper.spend).toEqual({ kind: 'total', value: audioSpend });
    expect(whisper.input_tokens).toEqual({ kind: 'total', value: 0 });
    expect(whisper.lowest_headroom).toEqual({ kind: 'minimum', value: 1999 / 2000 });
  });
});

/** The same traffic plus every way an operation is not priced exactly, and a metered batch. */
const incomplete: Traffic = {
  ...traffic,
  stats: {
    models: {
      ...traffic.stats.models,
      // "Plot ..." (8 prompt tokens) with a web search, a code execution and a browser session.
      'groq/compound': {
        chat: operation({
          requests: { '200': 1 },
          promptTokens: 8 + 300,
          completionTokens: 32,
          toolCalls: { search: 1, python: 1, browser_automation: 1 },
        }),
      },
      'deepseek-r1-distill-llama-70b': {
        chat: operation({ requests: { '200': 1 }, promptTokens: 10, completionTokens: 20 }),
      },
      'acme/support-ft-1': {
        chat: operation({ requests: { '200': 1 }, promptTokens: 10, completionTokens: 20 }),
      },
      'qwen/qwen3.6-27b': {
        batch: operation({ requests: {}, batchRequests: 2, promptTokens: 20, completionTokens: 64 }),
      },
      // One answer, and one stream failed by an in-stream error after its 200.
      'openai/gpt-oss-safeguard-20b': {
        chat: operation({
          requests: { '200': 2 },
          promptTokens: 10,
          completionTokens: 32,
          faults: { 'stream-error': 1 },
        }),
      },
      'whisper-large-v3': {
        transcription: operation({ requests: { '200': 1 }, audioSeconds: 10, audioBilledSeconds: 10 }),
      },
    },
  },
  batchesMetered: true,
  usageMissing: [{ model: 'whisper-large-v3', operation: 'transcription' }],
};

/** The number of a `total`. */
function total(value: Expected): number {
  if (value.kind !== 'total') throw new Error(`expected a total, got ${value.kind}`);
  return value.value;
}

describe('expectedValues of operations not priced exactly', () => {
  const expected = expectedValues(incomplete);

  it('prices a compound answer on its breakdown models, with the web search, and leaves out the time-billed tools', () => {
    // openai/gpt-oss-120b: 8 input × $0.15/1M + (32 − 3 × 8) output × $0.60/1M = $0.0000012 + $0.0000048;
    // meta-llama/llama-4-scout (the tools' model): 300 × $0.11/1M + 24 × $0.34/1M = $0.000033 + $0.00000816;
    // one web search at $5/1K = $0.005. Code execution and browser automation have no duration.
    expect(total(expectedValues(incomplete, 'groq/compound').spend)).toBeCloseTo(0.00504716, 12);
    expect(expectedValues(incomplete, 'groq/compound').tool_calls).toEqual({ kind: 'total', value: 3 });
  });

  it('prices the retired model at its last price, and the batch lines at half price', () => {
    // 10 × $0.75/1M + 20 × $0.99/1M.
    const retired = expectedValues(incomplete, 'deepseek-r1-distill-llama-70b').spend;
    expect(total(retired)).toBeCloseTo(0.0000273, 12);
    // qwen3.6-27b: 20 × $0.30/1M + 64 × $1.50/1M at the batch price; twice that on demand.
    const batch = expectedValues(incomplete, 'qwen/qwen3.6-27b');
    expect(total(batch.spend)).toBeCloseTo(0.000102, 12);
    expect(total(batch.batch_savings)).toBeCloseTo(0.000102, 12);
  });

  it('counts each operation once by pricing outcome, and the drops of the unpriced and usage-less ones', () => {
    expect(expected.priced_operations_by_pricing).toEqual({
      kind: 'by',
      labels: ['pricing'],
      values: new Map([
        // gpt-oss-20b 3, whisper-large-v3-turbo 1, the batch's 2 lines, the safeguard answer 1.
        ['exact', 7],
        ['partial', 1],
        ['stale', 1],
        ['unpriced', 1],
        ['usage_missing', 1],
      ]),
    });
    expect(expected.fully_priced_share).toEqual({ kind: 'total', value: 7 / 11 });
    expect(expected.dropped_by_reason).toEqual({
      kind: 'by',
      labels: ['reason'],
      values: new Map([
        ['unknown_model', 1],
        ['usage_missing', 1],
      ]),
    });
  });

  it("counts the unpriced model's tokens, not the upload without usage's audio", () => {
    const unpriced = expectedValues(incomplete, 'acme/support-ft-1');
    expect(unpriced.spend).toEqual({ kind: 'total', value: 0 });
    expect(unpriced.input_tokens).toEqual({ kind: 'total', value: 10 });
    expect(expectedValues(incomplete, 'whisper-large-v3').audio_billed_minutes).toEqual({
      kind: 'total',
      value: 0,
    });
  });

  it('leaves batch lines out when no reconciler meters them', () => {
    const unmetered = expectedValues({ ...incomplete, batchesMetered: false }, 'qwen/qwen3.6-27b');
    expect(unmetered.spend).toEqual({ kind: 'total', value: 0 });
    expect(unmetered.batch_savings).toEqual({ kind: 'total', value: 0 });
  });
});

describe('expectedValues of traffic still on OpenAI', () => {
  const onOpenAi: Traffic = {
    ...traffic,
    stats: {
      models: {
        'gpt-4o-mini': {
          chat: operation({ requests: { '200': 1 }, promptTokens: 10, completionTokens: 32 }),
        },
      },
    },
    openAiModels: new Set(['gpt-4o-mini']),
  };

  it('prices it on the OpenAI catalogue, exactly, with no baseline to save against', () => {
    const expected = expectedValues(onOpenAi);
    // 10 × $0.15/1M + 32 × $0.60/1M.
    expect(total(expected.spend)).toBeCloseTo(0.0000207, 12);
    expect(expected.baseline_savings).toEqual({ kind: 'total', value: 0 });
    expect(expected.fully_priced_share).toEqual({ kind: 'total', value: 1 });
  });
});
