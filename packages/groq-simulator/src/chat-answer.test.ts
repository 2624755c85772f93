import { describe, expect, it } from 'vitest';
import { composeChatAnswer } from './chat-answer';
import { type ChatRequest, parseChatRequest } from './chat-request';
import { resolveModels } from './model-catalogue';

const models = resolveModels({ slow: { outputTokensPerSecond: 4, latencyMs: 0, timeToFirstTokenMs: 250 } });

function request(body: Record<string, unknown>): ChatRequest {
  const parsed = parseChatRequest({ messages: [{ role: 'user', content: 'Hi' }], ...body });
  if (!parsed.ok) throw new Error(parsed.error.body.error.message);
  return parsed.value;
}

function answer(body: Record<string, unknown>, completionTokens?: number) {
  const model = models.get(String(body.model));
  if (!model) throw new Error(`no model ${String(body.model)}`);
  return composeChatAnswer(request(body), model, {
    seed: 1,
    promptTokens: 5,
    cachedTokens: 0,
    completionTokens,
  });
}

describe('composeChatAnswer', () => {
  it('derives timings from the model: queue, prompt, completion at its speed, total = prompt + completion', () => {
    expect(answer({ model: 'slow' }, 10).usage).toEqual({
      queue_time: 0,
      prompt_tokens: 5,
      prompt_time: 0.25,
      completion_tokens: 10,
      completion_time: 2.5,
      total_tokens: 15,
      total_time: 2.75,
    });
  });

  it('calls the named tool when tool_choice names it, and none when tool_choice is none', () => {
    const tools = [
      {
        type: 'function',
        function: { name: 'first', parameters: { type: 'object', properties: { a: { type: 'boolean' } } } },
      },
      {
        type: 'function',
        function: { name: 'second', parameters: { type: 'object', properties: { b: { type: 'number' } } } },
      },
    ];
    const named = answer({
      model: 'openai/gpt-oss-20b',
      tools,
      tool_choice: { type: 'function', function: { name: 'second' } },
    });
    expect(named.toolCalls.map((c) => [c.name, c.arguments])).toEqual([['second', '{"b":1}']]);
    expect(named.finishReason).toBe('tool_calls');
    expect(answer({ model: 'openai/gpt-oss-20b', tools, tool_choice: 'none' }).toolCalls).toEqual([]);
  });

  it('keeps at least one answer token when the completion is shorter than the reasoning', () => {
    const short = answer({ model: 'openai/gpt-oss-20b' }, 3);
    expect(short.reasoningTokens).toBe(2);
    expect(short.contentPieces).toHaveLength(1);
    expect(short.usage.completion_tokens).toBe(3);
  });
});

describe('parseChatRequest', () => {
  it.each([
    [
      { model: 'm', messages: [{ role: 'robot', content: 'x' }] },
      "'messages.0' : discriminator property 'role' has invalid value",
    ],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], n: 2 }, "'n' : number must be at most 1"],
    [
      { model: 'm', messages: [{ role: 'user', content: 'x' }], service_tier: 'turbo' },
      "'service_tier' : value must be one of",
    ],
    [
      {
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        tool_choice: { type: 'function', function: { name: 'x' } },
      },
      "Tool choice 'x' is not one of the provided tools.",
    ],
    [
      { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'yaml' } },
      "'response_format.type' : value must be one of",
    ],
    [
      { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 0 },
      "'max_completion_tokens' : number must be at least 1",
    ],
  ])('rejects %j', (body, message) => {
    const parsed = parseChatRequest(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.body.error.message).toContain(message);
  });
});
