import { describe, expect, it } from 'vitest';
import { chatStart, RATE_LIMIT_HEADERS, T0 } from '../test/fixtures.js';
import { useRecorderTestbed } from '../test/harness.js';
import type { OperationStart } from './types.js';

const bed = useRecorderTestbed();
const OPENAI = {
  provider: 'openai',
  serverAddress: 'api.openai.com',
  serverPort: 443,
  source: 'openai',
} as const;

function openaiChat(overrides: Partial<OperationStart> = {}): OperationStart {
  return chatStart({ ...OPENAI, requestModel: 'gpt-4o-mini', ...overrides });
}

describe('an operation OpenAI served', () => {
  it('is priced on the OpenAI catalogue under provider="openai", with no baseline and no rate-limit series', async () => {
    const op = bed.recorder().start(openaiChat({ attributes: { feature: 'support' } }));
    op.attempt({ status: 200, headers: RATE_LIMIT_HEADERS });
    op.end(
      {
        responseModel: 'gpt-4o-mini-2024-07-18',
        serviceTier: 'default',
        usage: { inputTokens: 10_000, cachedInputTokens: 2_000, outputTokens: 500 },
      },
      T0 + 250,
    );
    const labels = { feature: 'support', model: 'gpt-4o-mini', operation: 'chat', provider: 'openai' };
    const cost = { ...labels, service_tier: 'default', batch: 'false' };
    // uncached 8,000 × $0.15/1M = $0.0012; cached 2,000 × $0.075/1M = $0.00015; output 500 × $0.60/1M = $0.0003
    expect(await bed.harness.points('groq.cost.usd')).toEqual([
      { attributes: { ...cost, component: 'input' }, value: 0.0012 },
      { attributes: { ...cost, component: 'cached_input' }, value: 0.00015 },
      { attributes: { ...cost, component: 'output' }, value: 0.0003 },
    ]);
    expect(await bed.harness.points('groq.tokens')).toEqual([
      { attributes: { ...labels, type: 'input' }, value: 10_000 },
      { attributes: { ...labels, type: 'cached_input' }, value: 2_000 },
      { attributes: { ...labels, type: 'output' }, value: 500 },
    ]);
    expect(await bed.harness.points('groq.requests')).toEqual([
      { attributes: { ...labels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
    ]);
    expect(await bed.harness.points('groq.priced.operations')).toEqual([
      { attributes: { ...labels, pricing: 'exact' }, value: 1 },
    ]);
    expect(await bed.harness.points('groq.cost.baseline.usd')).toEqual([]);
    expect(await bed.harness.points('groq.ratelimit.remaining')).toEqual([]);
    const span = bed.harness.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'groqmeter.operation.type': 'chat',
      'groq.cost.usd': '0.001650000000',
      // $0.00165 × 3.6 × 10^18 quanta per USD
      'groq.cost.quanta': '5940000000000000',
    });
    expect(span.attributes['groq.cost.baseline.usd']).toBeUndefined();
  });

  it('leaves a Groq model id OpenAI answered unpriced, never at Groq prices', async () => {
    bed
      .recorder()
      .start(openaiChat({ requestModel: 'openai/gpt-oss-20b' }))
      .end({ usage: { inputTokens: 100, outputTokens: 10 } }, T0 + 5);
    expect(await bed.harness.points('groq.cost.usd')).toEqual([]);
    expect(await bed.harness.points('groq.priced.operations')).toEqual([
      {
        attributes: {
          model: 'openai/gpt-oss-20b',
          operation: 'chat',
          provider: 'openai',
          pricing: 'unpriced',
        },
        value: 1,
      },
    ]);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'unknown_model' }, value: 1 },
    ]);
  });

  it('prices a completed Assistants run once, as operation assistant on its model', async () => {
    bed
      .recorder()
      .start({ ...OPENAI, operation: 'assistant', requestModel: 'gpt-4.1-mini', startTime: T0 })
      .end({ responseId: 'run_abc', usage: { inputTokens: 1_200, outputTokens: 300 } }, T0 + 900);
    // 1,200 × $0.40/1M = $0.00048; 300 × $1.60/1M = $0.00048
    expect(await bed.harness.points('groq.cost.usd')).toEqual([
      {
        attributes: {
          model: 'gpt-4.1-mini',
          operation: 'assistant',
          provider: 'openai',
          service_tier: 'default',
          batch: 'false',
          component: 'input',
        },
        value: 0.00048,
      },
      {
        attributes: {
          model: 'gpt-4.1-mini',
          operation: 'assistant',
          provider: 'openai',
          service_tier: 'default',
          batch: 'false',
          component: 'output',
        },
        value: 0.00048,
      },
    ]);
    expect(bed.harness.onlySpan().attributes).toMatchObject({
      'gen_ai.operation.name': 'assistant',
      'groqmeter.operation.type': 'assistant',
      'groq.cost.usd': '0.000960000000',
    });
  });
});

describe('groqmeter.operation.type', () => {
  it.each([
    [{ imageInput: true }, 'vision'],
    [{ operation: 'embeddings' as const }, 'embedding'],
    [{ request: { batch: true } }, 'batch'],
    [{ operation: 'transcription' as const }, 'transcription'],
    [{}, 'chat'],
  ])('%o is %s', (overrides, type) => {
    bed
      .recorder()
      .start(chatStart(overrides))
      .end({}, T0 + 1);
    expect(bed.harness.onlySpan().attributes['groqmeter.operation.type']).toBe(type);
  });
});
