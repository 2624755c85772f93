import { describe, expect, it } from 'vitest';
import { ChatStreamFacts } from './chat-stream-facts.js';

const usage = { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25, completion_time: 0.01 };

function chunk(choices: unknown[], extra: Record<string, unknown> = {}) {
  return { id: 'chatcmpl-9', object: 'chat.completion.chunk', model: 'qwen/qwen3.6-27b', choices, ...extra };
}

describe('ChatStreamFacts', () => {
  it('says which chunks carry output: content, reasoning or a tool-call delta', () => {
    const facts = new ChatStreamFacts(false);
    expect(facts.observe(chunk([{ index: 0, delta: { role: 'assistant', content: '' } }]))).toBe(false);
    expect(facts.observe(chunk([{ index: 0, delta: { reasoning: 'Think' } }]))).toBe(true);
    expect(facts.observe(chunk([{ index: 0, delta: { content: 'Hi' } }]))).toBe(true);
    expect(
      facts.observe(
        chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{' } }] } }]),
      ),
    ).toBe(true);
    expect(facts.observe(chunk([]))).toBe(false);
    expect(facts.observe({})).toBe(false);
  });

  it('takes usage from x_groq.usage or a top-level usage chunk and never adds them up', () => {
    const facts = new ChatStreamFacts(false);
    facts.observe(chunk([{ index: 0, delta: { content: 'Hi' } }], { x_groq: { id: 'req_7' }, usage: null }));
    expect(facts.hasUsage).toBe(false);
    facts.observe(
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { x_groq: { id: 'req_7', usage } }),
    );
    facts.observe(chunk([], { usage }));
    expect(facts.hasUsage).toBe(true);
    expect(facts.result()).toEqual({
      responseId: 'chatcmpl-9',
      responseModel: 'qwen/qwen3.6-27b',
      groqRequestId: 'req_7',
      finishReasons: ['stop'],
      usage: { inputTokens: 20, outputTokens: 5 },
      serverTiming: { completionTime: 0.01 },
    });
  });

  it('keeps the compound usage breakdown of x_groq when an include_usage chunk follows', () => {
    const facts = new ChatStreamFacts(false);
    const usageBreakdown = { models: [{ model: 'openai/gpt-oss-120b', usage }] };
    facts.observe(
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], {
        x_groq: { id: 'req_8', usage, usage_breakdown: usageBreakdown },
      }),
    );
    facts.observe(chunk([], { usage }));
    expect(facts.result()).toMatchObject({
      usage: { inputTokens: 20, outputTokens: 5 },
      usageBreakdown: [{ model: 'openai/gpt-oss-120b', usage: { inputTokens: 20, outputTokens: 5 } }],
    });
  });

  it('takes each id from the first chunk that has it and a breakdown sent apart from the usage', () => {
    const facts = new ChatStreamFacts(false);
    facts.observe({ choices: [{ index: 0, delta: { content: 'Hi' } }], usage: null, x_groq: null });
    facts.observe(chunk([], { service_tier: 'flex', x_groq: { id: 'req_9' } }));
    facts.observe({ id: 'other', model: 'other', service_tier: 'on_demand', x_groq: { id: 'req_other' } });
    facts.observe({ usage_breakdown: { models: [{ model: 'openai/gpt-oss-120b', usage }] } });
    facts.observe({ x_groq: { usage } });
    expect(facts.result()).toEqual({
      responseId: 'chatcmpl-9',
      responseModel: 'qwen/qwen3.6-27b',
      groqRequestId: 'req_9',
      serviceTier: 'flex',
      usage: { inputTokens: 20, outputTokens: 5 },
      usageBreakdown: [{ model: 'openai/gpt-oss-120b', usage: { inputTokens: 20, outputTokens: 5 } }],
      serverTiming: { completionTime: 0.01 },
    });
  });

  it('orders finish reasons by choice and counts each executed tool once', () => {
    const facts = new ChatStreamFacts(false);
    const tool = { index: 0, type: 'search', arguments: '{}' };
    facts.observe(chunk([{ index: 1, delta: { executed_tools: [tool] } }]));
    facts.observe(chunk([{ index: 1, delta: { executed_tools: [{ ...tool, output: 'results' }] } }]));
    facts.observe(chunk([{ index: 1, delta: {}, finish_reason: 'length' }]));
    facts.observe(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { x_groq: { usage } }));
    expect(facts.result()).toMatchObject({
      finishReasons: ['stop', 'length'],
      usage: { inputTokens: 20, outputTokens: 5, toolCalls: { web_search: 1 } },
    });
  });

  it('assembles the output messages, tool calls included, when content capture is on', () => {
    const facts = new ChatStreamFacts(true);
    facts.observe(chunk([{ index: 0, delta: { reasoning: 'Look ' } }]));
    facts.observe(chunk([{ index: 0, delta: { reasoning: 'it up.' } }]));
    facts.observe(
      chunk([
        {
          index: 0,
          delta: {
            tool_calls: [{ index: 0, id: 'call_1', function: { name: 'get_limits', arguments: '{"mo' } }],
          },
        },
      ]),
    );
    facts.observe(
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'del":1}' } }] } }]),
    );
    facts.observe(chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]));
    expect(facts.result().outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Look it up.' },
          { type: 'tool_call', id: 'call_1', name: 'get_limits', arguments: '{"model":1}' },
        ],
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('keeps no content when capture is off', () => {
    const facts = new ChatStreamFacts(false);
    facts.observe(chunk([{ index: 0, delta: { content: 'secret plans' } }]));
    expect(facts.result()).toEqual({ responseId: 'chatcmpl-9', responseModel: 'qwen/qwen3.6-27b' });
  });

  it('reads a Groq stream whose only usage is x_groq.usage on the last chunk, content chunks in between', () => {
    const facts = new ChatStreamFacts(false);
    const wire = [
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], {
        x_groq: { id: 'req_9' },
      }),
      ...['Hel', 'lo'].map((text) => chunk([{ index: 0, delta: { content: text }, finish_reason: null }])),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], {
        x_groq: { id: 'req_9', usage: { ...usage, queue_time: 0.02, prompt_time: 0.003 } },
      }),
    ].map((sent) => JSON.parse(JSON.stringify(sent)));
    expect(wire.map((sent) => facts.observe(sent))).toEqual([false, true, true, false]);
    expect(facts.hasUsage).toBe(true);
    const result = facts.result();
    expect(result).toEqual({
      responseId: 'chatcmpl-9',
      responseModel: 'qwen/qwen3.6-27b',
      groqRequestId: 'req_9',
      finishReasons: ['stop'],
      usage: { inputTokens: 20, outputTokens: 5 },
      serverTiming: { queueTime: 0.02, promptTime: 0.003, completionTime: 0.01 },
    });
    expect(Object.keys(result)).toEqual([
      'responseId',
      'responseModel',
      'groqRequestId',
      'finishReasons',
      'usage',
      'serverTiming',
    ]);
  });

  it('reports usage missing for a stream without usage, and skips chunks and choices that are not objects', () => {
    const facts = new ChatStreamFacts(true);
    expect(facts.observe(null)).toBe(false);
    expect(facts.observe('data')).toBe(false);
    expect(facts.observe(chunk([null, { index: 1, delta: 'text' }], { x_groq: 'x' }))).toBe(false);
    expect(facts.observe(chunk([{ index: 1, delta: { tool_calls: 'none', content: 'A' } }]))).toBe(true);
    expect(facts.hasUsage).toBe(false);
    const result = facts.result();
    expect('usage' in result).toBe(false);
    expect(result.outputMessages).toEqual([
      { role: 'assistant', parts: [] },
      { role: 'assistant', parts: [{ type: 'text', content: 'A' }] },
    ]);
  });

  it('counts built-in tools from delta.executed_tools only with a usage, as a non-streamed call does', () => {
    const facts = new ChatStreamFacts(false);
    const tools = [
      { index: 0, type: 'search' },
      { index: 1, type: 'python' },
    ];
    facts.observe(chunk([{ index: 0, delta: { executed_tools: tools } }]));
    facts.observe(chunk([{ index: 0, delta: { executed_tools: tools } }]));
    expect(facts.result().usage).toBeUndefined();
    facts.observe(chunk([], { x_groq: { usage } }));
    expect(facts.result().usage).toEqual({
      inputTokens: 20,
      outputTokens: 5,
      toolCalls: { web_search: 1, code_execution: 1 },
    });
  });
});
