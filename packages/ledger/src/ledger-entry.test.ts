import { defaultPriceBook } from '@groqmeter/pricing';
import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { InvalidSpanError } from './errors.js';
import { DEFAULT_ATTRIBUTION_COLUMNS, type EntryOptions, readLedgerEntry } from './ledger-entry.js';
import type { LedgerSpan } from './types.js';

const OPTIONS: EntryOptions = {
  priceBook: defaultPriceBook,
  baselines: {},
  captureMessageContent: false,
  attributionColumns: DEFAULT_ATTRIBUTION_COLUMNS,
};
const START_NS = 1_795_068_000_000_000_000n; // 2026-11-19T06:00:00Z

/** The attributes a recorder without `groq.cost.quanta` & co. puts on a priced, non-streamed chat span. */
const OLDER_CHAT_ATTRIBUTES: Attributes = {
  'user.id': 'u-42',
  feature: 'docs',
  tenant_tier: 'gold',
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'groq',
  'gen_ai.request.model': 'openai/gpt-oss-20b',
  'server.address': 'api.groq.com',
  'server.port': 443,
  'groqmeter.source': 'groq-sdk',
  'gen_ai.response.model': 'openai/gpt-oss-20b',
  'gen_ai.response.id': 'chatcmpl-1',
  'groq.request_id': 'req_01abc',
  'groq.service_tier': 'on_demand',
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.output_tokens': 500,
  'gen_ai.usage.cache_read.input_tokens': 200,
  'gen_ai.usage.reasoning.output_tokens': 100,
  'groq.cost.usd': '0.000217500000',
  'groq.cost.known': true,
  'groq.cost.baseline.usd': '0.007250000000',
  'groq.retries': 0,
};

/** The attributes the recorder puts on the same span today: the exact costs too. */
const CHAT_ATTRIBUTES: Attributes = {
  ...OLDER_CHAT_ATTRIBUTES,
  'groq.cost.quanta': '783000000000000',
  'groq.cost.baseline.quanta': '26100000000000000',
  'groq.cost.baseline.model': 'gpt-4o',
};

function span(attributes: Attributes, durationNs = 1_250_000_000n): LedgerSpan {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    startTimeUnixNano: START_NS,
    endTimeUnixNano: START_NS + durationNs,
    attributes,
    resourceAttributes: { 'service.name': 'checkout' },
  };
}

describe('readLedgerEntry', () => {
  it('turns a priced chat span into its full row, with exact cost and baseline model', () => {
    expect(readLedgerEntry(span(CHAT_ATTRIBUTES), OPTIONS)).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      startTime: new Date('2026-11-19T06:00:00.000Z'),
      durationSeconds: 1.25,
      operation: 'chat',
      provider: 'groq',
      operationType: 'chat',
      source: 'groq-sdk',
      serviceName: 'checkout',
      requestModel: 'openai/gpt-oss-20b',
      responseModel: 'openai/gpt-oss-20b',
      inputTokens: 1000,
      cachedInputTokens: 200,
      outputTokens: 500,
      reasoningTokens: 100,
      audioSeconds: null,
      characters: null,
      toolCalls: null,
      costKnown: true,
      pricing: 'exact',
      costPartial: false,
      partialReasons: null,
      costStale: false,
      // 800 × 270e9 + 200 × 135e9 + 500 × 1080e9
      costQuanta: 783_000_000_000_000n,
      costUsd: '0.000217500000',
      costExact: true,
      baselineModel: 'gpt-4o',
      baselineCostQuanta: 26_100_000_000_000_000n,
      baselineCostUsd: '0.007250000000',
      ttftSeconds: null,
      outcome: 'success',
      errorType: null,
      requestId: 'req_01abc',
      batchId: null,
      serviceTier: 'on_demand',
      batch: false,
      userId: 'u-42',
      feature: 'docs',
      platform: null,
      tenant: null,
      functionName: null,
      attributes: { 'user.id': 'u-42', feature: 'docs', tenant_tier: 'gold' },
      content: null,
    });
  });

  it('re-prices a span of an older recorder, without quanta, to the same exact row', () => {
    const older = readLedgerEntry(span(OLDER_CHAT_ATTRIBUTES), OPTIONS);
    expect(older).toEqual(readLedgerEntry(span(CHAT_ATTRIBUTES), OPTIONS));
    expect(older).toMatchObject({
      costQuanta: 783_000_000_000_000n,
      costExact: true,
      baselineModel: 'gpt-4o',
      baselineCostQuanta: 26_100_000_000_000_000n,
    });
  });

  it('skips spans that are not groqmeter operations', () => {
    expect(readLedgerEntry(span({ 'http.method': 'GET' }), OPTIONS)).toBeUndefined();
    expect(
      readLedgerEntry(span({ ...CHAT_ATTRIBUTES, 'gen_ai.provider.name': 'anthropic' }), OPTIONS),
    ).toBeUndefined();
    const { 'groqmeter.source': _source, ...withoutSource } = CHAT_ATTRIBUTES;
    expect(readLedgerEntry(span(withoutSource), OPTIONS)).toBeUndefined();
  });

  it('records a failed call as an error with no usage and no cost', () => {
    const entry = readLedgerEntry(
      span({
        'user.id': 'u-1',
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'groq',
        'gen_ai.request.model': 'openai/gpt-oss-20b',
        'groqmeter.source': 'ai-sdk',
        'error.type': 'rate_limit_exceeded',
      }),
      OPTIONS,
    );
    expect(entry).toMatchObject({
      outcome: 'error',
      errorType: 'rate_limit_exceeded',
      inputTokens: null,
      costKnown: null,
      costQuanta: null,
      costUsd: null,
      costExact: null,
      baselineCostQuanta: null,
      userId: 'u-1',
    });
  });

  it('marks an abandoned stream and keeps its time to first chunk', () => {
    const entry = readLedgerEntry(
      span({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'groq',
        'groqmeter.source': 'groq-sdk',
        'gen_ai.request.stream': true,
        'gen_ai.response.time_to_first_chunk': 0.25,
        'groqmeter.abandoned': true,
      }),
      OPTIONS,
    );
    expect(entry).toMatchObject({ outcome: 'abandoned', ttftSeconds: 0.25, requestModel: null });
  });

  it('keeps an unknown price as unpriced, never as 0', () => {
    const entry = readLedgerEntry(
      span({
        ...CHAT_ATTRIBUTES,
        'gen_ai.request.model': 'acme/new-model',
        'gen_ai.response.model': 'acme/new-model',
        'groq.cost.usd': undefined,
        'groq.cost.quanta': undefined,
        'groq.cost.baseline.usd': undefined,
        'groq.cost.baseline.quanta': undefined,
        'groq.cost.baseline.model': undefined,
        'groq.cost.known': false,
      }),
      OPTIONS,
    );
    expect(entry).toMatchObject({
      costKnown: false,
      costQuanta: null,
      costUsd: null,
      baselineCostQuanta: null,
    });
  });

  it('reads the exact quanta, audio seconds, characters and tool calls the recorder sets', () => {
    const entry = readLedgerEntry(
      span({
        'gen_ai.operation.name': 'transcription',
        'gen_ai.provider.name': 'groq',
        'gen_ai.request.model': 'whisper-large-v3',
        'groqmeter.source': 'groq-sdk',
        'groq.usage.audio_seconds': 12.346,
        'groq.usage.characters': 0,
        'groq.usage.tool_calls': 2,
        'groq.cost.usd': '0.000380668333',
        'groq.cost.quanta': '1370406000000000',
        'groq.cost.known': true,
        'groq.cost.baseline.usd': '0.001234600000',
        'groq.cost.baseline.quanta': '4444560000000000',
        'groq.cost.baseline.model': 'whisper-1',
      }),
      OPTIONS,
    );
    expect(entry).toMatchObject({
      audioSeconds: 12.346,
      characters: 0,
      toolCalls: 2,
      costQuanta: 1_370_406_000_000_000n,
      costUsd: '0.000380668333',
      costExact: true,
      baselineModel: 'whisper-1',
      baselineCostQuanta: 4_444_560_000_000_000n,
    });
  });

  it('fills the attribution columns from the configured keys', () => {
    const entry = readLedgerEntry(span({ ...CHAT_ATTRIBUTES, function: 'summarise', 'tenant.id': 7 }), {
      ...OPTIONS,
      attributionColumns: {
        userId: 'user.id',
        feature: 'function',
        platform: 'platform',
        tenant: 'tenant.id',
        functionName: 'fn',
      },
    });
    expect(entry).toMatchObject({ feature: 'summarise', tenant: '7', userId: 'u-42' });
  });

  it('stores content attributes only when capturing content', () => {
    const withContent = span({
      ...CHAT_ATTRIBUTES,
      'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]',
      'gen_ai.system_instructions': '[{"type":"text","content":"be brief"}]',
    });
    expect(readLedgerEntry(withContent, OPTIONS)?.content).toBeNull();
    expect(readLedgerEntry(withContent, { ...OPTIONS, captureMessageContent: true })?.content).toEqual({
      'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]',
      'gen_ai.system_instructions': '[{"type":"text","content":"be brief"}]',
    });
  });

  it.each([
    [
      { 'gen_ai.usage.input_tokens': '1000' },
      'attribute gen_ai.usage.input_tokens must be a whole number ≥ 0, got a string of 4 characters',
    ],
    [
      { 'gen_ai.usage.output_tokens': 1.5 },
      'attribute gen_ai.usage.output_tokens must be a whole number ≥ 0, got the number 1.5',
    ],
    [
      { 'groq.cost.usd': 0.0002 },
      'attribute groq.cost.usd must be a decimal USD string such as "0.000217500000", got the number 0.0002',
    ],
    [
      { 'groq.cost.usd': 'free' },
      'attribute groq.cost.usd must be a decimal USD string such as "0.000217500000", got a string of 4 characters',
    ],
    [
      { 'groq.cost.known': 'yes' },
      'attribute groq.cost.known must be a boolean, got a string of 3 characters',
    ],
    [{ 'gen_ai.operation.name': undefined }, 'a groqmeter span needs the attribute gen_ai.operation.name'],
    [
      { 'groq.cost.usd': undefined, 'groq.cost.quanta': undefined },
      'groq.cost.known is true but the span has neither groq.cost.usd nor groq.cost.quanta',
    ],
  ])('refuses a span with %j', (override, message) => {
    expect(() => readLedgerEntry(span({ ...CHAT_ATTRIBUTES, ...override }), OPTIONS)).toThrow(
      new InvalidSpanError(message),
    );
  });

  it('refuses impossible times', () => {
    expect(() => readLedgerEntry({ ...span(CHAT_ATTRIBUTES), startTimeUnixNano: 0n }, OPTIONS)).toThrow(
      /start time must be after 1970-01-01/,
    );
    expect(() => readLedgerEntry(span(CHAT_ATTRIBUTES, -1n), OPTIONS)).toThrow(/ends before it starts/);
  });
});
