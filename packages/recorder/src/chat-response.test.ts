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

  it('has only defined keys, in the order the spans and metrics have always seen them', () => {
    const result = readChatCompletion(compoundCompletion, true);
    expect(Object.keys(result)).toEqual([
      'responseId',
      'responseModel',
      'groqRequestId',
      'serviceTier',
      'usage',
      'serverTiming',
      'finishReasons',
      'outputMessages',
    ]);
    expect(Object.keys(result.usage ?? {})).toEqual([
      'inputTokens',
      'outputTokens',
      'cachedInputTokens',
      'toolCalls',
    ]);
    const { usage: _usage, ...withoutUsage } = compoundCompletion;
    expect(Object.keys(readChatCompletion(withoutUsage, false))).toEqual([
      'responseId',
      'responseModel',
      'groqRequestId',
      'serviceTier',
      'finishReasons',
    ]);
  });

  it('collects finish reasons and built-in tool calls across choices, skipping choices without them', () => {
    const result = readChatCompletion(
      {
        choices: [
          { finish_reason: 'tool_calls', message: { executed_tools: [{ type: 'search' }] } },
          null,
          { finish_reason: '', message: { executed_tools: 'none' } },
          { finish_reason: 'stop', message: { executed_tools: [{ type: 'python' }, { type: 'search' }] } },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 1 },
      },
      false,
    );
    expect(result).toEqual({
      finishReasons: ['tool_calls', 'stop'],
      usage: { inputTokens: 3, outputTokens: 1, toolCalls: { web_search: 2, code_execution: 1 } },
    });
  });

  it('takes the final-chunk usage from x_groq.usage when the top level has none', () => {
    expect(
      readChatCompletion(
        { usage: null, x_groq: { id: 'req_3', usage: { prompt_tokens: 5, queue_time: 0.1 } } },
        false,
      ),
    ).toEqual({ groqRequestId: 'req_3', usage: { inputTokens: 5 }, serverTiming: { queueTime: 0.1 } });
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
