import { describe, expect, it } from 'vitest';
import { readChatCompletion, withToolCalls } from './chat-response.js';

const compoundCompletion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'groq/compound',
  service_tier: 'on_demand',
  x_groq: { id: 'req_01abc', usage: { dram_cached_tokens: 0, sram_cached_tokens: 0 } },
  choices: [
    {
      index: 0,
      finish_reason: 'stop',
      message: {
        role: 'assistant',
        content: 'Tokyo is 14 °C.',
        reasoning: 'Search the weather.',
        executed_tools: [
          { index: 0, type: 'search', arguments: '{"query":"tokyo weather"}' },
          { index: 1, type: 'visit', arguments: '{"url":"https://example.com"}' },
        ],
      },
    },
  ],
  usage: {
    prompt_tokens: 900,
    completion_tokens: 120,
    total_tokens: 1020,
    prompt_tokens_details: { cached_tokens: 512 },
    queue_time: 0.02,
    prompt_time: 0.05,
    completion_time: 0.3,
    total_time: 0.35,
  },
};

describe('readChatCompletion', () => {
  it('reads response facts, usage (x_groq.usage is hardware cache stats, not tokens) and tool calls', () => {
    expect(readChatCompletion(compoundCompletion, false)).toEqual({
      responseId: 'chatcmpl-1',
      responseModel: 'groq/compound',
      groqRequestId: 'req_01abc',
      finishReasons: ['stop'],
      serviceTier: 'on_demand',
      usage: {
        inputTokens: 900,
        outputTokens: 120,
        cachedInputTokens: 512,
        toolCalls: { web_search: 1, visit_website: 1 },
      },
      serverTiming: { queueTime: 0.02, promptTime: 0.05, completionTime: 0.3, totalTime: 0.35 },
    });
  });

  it('reads the usage breakdown of a compound system', () => {
    const breakdown = {
      models: [
        { model: 'openai/gpt-oss-120b', usage: { prompt_tokens: 700, completion_tokens: 100 } },
        { model: 'openai/gpt-oss-20b', usage: { prompt_tokens: 200, completion_tokens: 20 } },
      ],
    };
    expect(
      readChatCompletion({ ...compoundCompletion, usage_breakdown: breakdown }, false).usageBreakdown,
    ).toEqual([
      { model: 'openai/gpt-oss-120b', usage: { inputTokens: 700, outputTokens: 100 } },
      { model: 'openai/gpt-oss-20b', usage: { inputTokens: 200, outputTokens: 20 } },
    ]);
  });

  it('adds the output messages only when content capture is on', () => {
    expect(readChatCompletion(compoundCompletion, true).outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Search the weather.' },
          { type: 'text', content: 'Tokyo is 14 °C.' },
        ],
        finish_reason: 'stop',
      },
    ]);
  });

  it('reads a completion without usage as usage missing, tool calls or not', () => {
    const { usage: _usage, ...withoutUsage } = compoundCompletion;
    expect(readChatCompletion(withoutUsage, false).usage).toBeUndefined();
  });

  it('reads nothing from a value that is not a completion', () => {
    expect(readChatCompletion('text', false)).toEqual({});
    expect(readChatCompletion({ choices: 'none', usage: 3 }, false)).toEqual({});
  });
});

describe('withToolCalls', () => {
  it('adds tool calls to a usage, never to a missing one', () => {
    expect(withToolCalls({ inputTokens: 1 }, { web_search: 2 })).toEqual({
      inputTokens: 1,
      toolCalls: { web_search: 2 },
    });
    expect(withToolCalls(undefined, { web_search: 2 })).toBeUndefined();
    expect(withToolCalls({ inputTokens: 1 }, undefined)).toEqual({ inputTokens: 1 });
  });
});
