import { describe, expect, it } from 'vitest';
import { WIRE_SERVER_TIMING, WIRE_USAGE, WIRE_USAGE_FACTS } from '../test/fixtures.js';
import { readChatCompletionFacts } from './chat-completion-facts.js';

describe('readChatCompletionFacts', () => {
  it('reads a completion: ids, model, tier, usage and timings (x_groq.usage is cache statistics)', () => {
    expect(
      readChatCompletionFacts({
        id: 'chatcmpl-1',
        model: 'openai/gpt-oss-20b',
        service_tier: 'on_demand',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
        usage: WIRE_USAGE,
        x_groq: { id: 'req_1', usage: { dram_cached_tokens: 0, sram_cached_tokens: 0 } },
      }),
    ).toEqual({
      responseId: 'chatcmpl-1',
      responseModel: 'openai/gpt-oss-20b',
      groqRequestId: 'req_1',
      serviceTier: 'on_demand',
      usage: WIRE_USAGE_FACTS,
      serverTiming: WIRE_SERVER_TIMING,
    });
  });

  it('reads usage and timings of a final stream chunk from x_groq.usage', () => {
    expect(readChatCompletionFacts({ choices: [], x_groq: { id: 'req_2', usage: WIRE_USAGE } })).toEqual({
      groqRequestId: 'req_2',
      usage: WIRE_USAGE_FACTS,
      serverTiming: WIRE_SERVER_TIMING,
    });
  });

  it('takes the usage of one source only, with its own timings, never adding the two', () => {
    expect(
      readChatCompletionFacts({
        usage: { prompt_tokens: 7, completion_tokens: 3, total_time: 0.2 },
        x_groq: { usage: { prompt_tokens: 7, completion_tokens: 3, total_time: 0.9 } },
      }),
    ).toEqual({ usage: { inputTokens: 7, outputTokens: 3 }, serverTiming: { totalTime: 0.2 } });
    expect(
      readChatCompletionFacts({ usage: { total_time: 0.2 }, x_groq: { usage: { prompt_tokens: 4 } } }),
    ).toEqual({ usage: { inputTokens: 4 } });
  });

  it('reads the compound breakdown of a completion and of a final stream chunk', () => {
    const breakdown = { models: [{ model: 'openai/gpt-oss-120b', usage: WIRE_USAGE }] };
    const expected = [{ model: 'openai/gpt-oss-120b', usage: WIRE_USAGE_FACTS }];
    expect(readChatCompletionFacts({ usage_breakdown: breakdown }).usageBreakdown).toEqual(expected);
    expect(readChatCompletionFacts({ x_groq: { usage_breakdown: breakdown } }).usageBreakdown).toEqual(
      expected,
    );
  });

  it('finds nothing in a chunk without Groq fields', () => {
    expect(readChatCompletionFacts({ choices: [{ delta: { content: 'Hi' } }], usage: null })).toEqual({});
    expect(readChatCompletionFacts(undefined)).toEqual({});
  });
});
