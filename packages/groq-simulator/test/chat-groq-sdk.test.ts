import Groq from 'groq-sdk';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countPromptTokens, type RunningSimulator, startSimulator } from '../src/index';
import { headerObject } from './header-object';

const NOW = Date.UTC(2026, 0, 1);
const MODEL = 'openai/gpt-oss-20b';
const HELLO = [{ role: 'user' as const, content: 'Hello there' }];

/** gpt-oss-20b defaults: 32 completion tokens (16 reasoning), 1000 tokens/s, 20 ms queue, 100 ms prompt. */
const HELLO_USAGE = {
  queue_time: 0.02,
  prompt_tokens: 7,
  prompt_time: 0.1,
  completion_tokens: 32,
  completion_time: 0.032,
  total_tokens: 39,
  total_time: 0.132,
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 16 },
};

let sim: RunningSimulator;
let groq: Groq;

beforeAll(async () => {
  sim = await startSimulator({
    now: () => NOW,
    models: { [MODEL]: { limits: { requestsPerDay: 14_400, tokensPerMinute: 6000 } } },
  });
  groq = new Groq({ apiKey: 'test-key', baseURL: sim.url, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('chat completions through groq-sdk', () => {
  it('answers with Groq usage, x_groq, service tier and rate-limit headers', async () => {
    const { data, response } = await groq.chat.completions
      .create({ model: MODEL, messages: HELLO })
      .withResponse();
    expect(countPromptTokens(HELLO)).toBe(7);
    expect(data.usage).toEqual(HELLO_USAGE);
    expect(data).toMatchObject({
      object: 'chat.completion',
      created: NOW / 1000,
      model: MODEL,
      service_tier: 'on_demand',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant' } }],
    });
    expect(data.id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/);
    expect(data.system_fingerprint).toMatch(/^fp_[0-9a-f]{10}$/);
    expect(data.x_groq?.id).toMatch(/^req_01[0-9a-z]{24}$/);
    const message = data.choices[0]?.message;
    expect(message?.content?.split(' ')).toHaveLength(16);
    expect(message?.reasoning?.split(' ')).toHaveLength(16);
    expect(
      Object.fromEntries(
        Object.entries(headerObject(response.headers)).filter(([name]) => name.startsWith('x-')),
      ),
    ).toEqual({
      'x-request-id': data.x_groq?.id,
      'x-ratelimit-limit-requests': '14400',
      'x-ratelimit-remaining-requests': '14399',
      'x-ratelimit-reset-requests': '6s',
      'x-ratelimit-limit-tokens': '6000',
      'x-ratelimit-remaining-tokens': '5961',
      'x-ratelimit-reset-tokens': '390ms',
    });
  });

  it('streams the same answer with the role first and x_groq.usage on the finish chunk', async () => {
    const whole = await groq.chat.completions.create({ model: MODEL, messages: HELLO });
    const { data: stream, response } = await groq.chat.completions
      .create({ model: MODEL, messages: HELLO, stream: true })
      .withResponse();
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe('5922');
    const chunks = await collect(stream);
    const first = chunks[0];
    const last = chunks[chunks.length - 1];
    expect(first?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(first?.x_groq?.id).toBe(response.headers.get('x-request-id'));
    expect(last?.choices[0]).toEqual({ index: 0, logprobs: null, finish_reason: 'stop', delta: {} });
    expect(last?.x_groq).toEqual({ id: first?.x_groq?.id, usage: HELLO_USAGE });
    expect(chunks.filter((c) => 'usage' in c)).toEqual([]);
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    const reasoning = chunks.map((c) => c.choices[0]?.delta.reasoning ?? '').join('');
    expect(content).toBe(whole.choices[0]?.message.content);
    expect(reasoning).toBe(whole.choices[0]?.message.reasoning);
    expect(chunks).toHaveLength(1 + 16 + 16 + 1);
  });

  it('adds the choices: [] usage chunk and usage: null elsewhere with stream_options.include_usage', async () => {
    const params = {
      model: MODEL,
      messages: HELLO,
      stream: true as const,
      stream_options: { include_usage: true },
    };
    const chunks = await collect(await groq.chat.completions.create(params));
    const usageChunk = chunks[chunks.length - 1] as ChatCompletionChunk & { usage?: unknown };
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toEqual(HELLO_USAGE);
    const others = chunks.slice(0, -1) as (ChatCompletionChunk & { usage?: unknown })[];
    expect(others.every((c) => c.usage === null)).toBe(true);
    expect(others[others.length - 1]?.x_groq?.usage).toEqual(HELLO_USAGE);
  });

  it('fixes the completion length with x-simulator-completion-tokens and truncates at max_tokens', async () => {
    const fixed = await groq.chat.completions.create(
      { model: MODEL, messages: HELLO },
      { headers: { 'x-simulator-completion-tokens': '100' } },
    );
    expect(fixed.usage).toMatchObject({ completion_tokens: 100, completion_time: 0.1, total_tokens: 107 });
    expect(fixed.choices[0]?.message.content?.split(' ')).toHaveLength(84);
    const truncated = await groq.chat.completions.create({
      model: MODEL,
      messages: HELLO,
      max_completion_tokens: 20,
    });
    expect(truncated.choices[0]?.finish_reason).toBe('length');
    expect(truncated.usage).toMatchObject({
      completion_tokens: 20,
      completion_tokens_details: { reasoning_tokens: 16 },
    });
  });

  it('follows reasoning_format: hidden omits the reasoning, raw puts it in <think> in the content', async () => {
    const hidden = await groq.chat.completions.create({
      model: MODEL,
      messages: HELLO,
      reasoning_format: 'hidden',
    });
    expect(hidden.choices[0]?.message.reasoning).toBeUndefined();
    expect(hidden.usage?.completion_tokens_details).toEqual({ reasoning_tokens: 16 });
    const raw = await groq.chat.completions.create({
      model: MODEL,
      messages: HELLO,
      reasoning_format: 'raw',
    });
    expect(raw.choices[0]?.message.content).toMatch(/^<think>[A-Z][a-z ]+\.<\/think>\n[A-Z][a-z ]+\.$/);
    const qwen = await groq.chat.completions.create({ model: 'qwen/qwen3.6-27b', messages: HELLO });
    expect(qwen.choices[0]?.message.content).toMatch(/^<think>/);
    const noReasoning = await groq.chat.completions.create({
      model: 'qwen/qwen3.6-27b',
      messages: HELLO,
      reasoning_effort: 'none',
    });
    expect(noReasoning.usage?.completion_tokens_details).toEqual({ reasoning_tokens: 0 });
  });

  it('reports cached tokens for a repeated prefix, and they do not count against the TPM budget', async () => {
    const system = { role: 'system' as const, content: 'You are a careful assistant. '.repeat(40) };
    const first = await groq.chat.completions.create({
      model: MODEL,
      messages: [system, { role: 'user', content: 'One?' }],
    });
    expect(first.usage?.prompt_tokens).toBe(4 + 290 + 4 + 1);
    expect(first.usage?.prompt_tokens_details).toEqual({ cached_tokens: 0 });
    const { data: second, response } = await groq.chat.completions
      .create({ model: MODEL, messages: [system, { role: 'user', content: 'Two?' }] })
      .withResponse();
    expect(second.usage?.prompt_tokens_details).toEqual({ cached_tokens: 256 });
    const chargedFirst = 299 + 32;
    const chargedSecond = 299 - 256 + 32;
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe(
      String(6000 - chargedFirst - chargedSecond),
    );
    expect(sim.stats().models[MODEL]?.chat).toMatchObject({ promptTokens: 598, cachedTokens: 256 });
  });

  it('calls the first tool with schema-valid arguments, and answers in text after a tool result', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' }, days: { type: 'integer' } },
            required: ['city'],
          },
        },
      },
    ];
    const ask = [{ role: 'user' as const, content: 'Weather in Oslo?' }];
    const called = await groq.chat.completions.create({ model: MODEL, messages: ask, tools });
    const call = called.choices[0]?.message.tool_calls?.[0];
    expect(called.choices[0]?.finish_reason).toBe('tool_calls');
    expect(called.choices[0]?.message.content).toBeNull();
    expect(call?.function).toEqual({ name: 'get_weather', arguments: '{"city":"city value","days":1}' });
    expect(call?.id).toMatch(/^call_[0-9a-z]{24}$/);
    expect(called.usage?.prompt_tokens).toBe(countPromptTokens(ask, tools));

    const chunks = await collect(
      await groq.chat.completions.create({ model: MODEL, messages: ask, tools, stream: true }),
    );
    const toolDeltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas[0]).toEqual({
      index: 0,
      id: call?.id,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(toolDeltas.map((d) => d.function?.arguments ?? '').join('')).toBe(call?.function.arguments);
    expect(chunks[chunks.length - 1]?.choices[0]?.finish_reason).toBe('tool_calls');

    const answered = await groq.chat.completions.create({
      model: MODEL,
      tools,
      messages: [
        ...ask,
        { role: 'assistant', content: null, tool_calls: call ? [call] : [] },
        { role: 'tool', tool_call_id: call?.id ?? '', content: '{"temperature":3}' },
      ],
    });
    expect(answered.choices[0]?.finish_reason).toBe('stop');
    expect(answered.choices[0]?.message.content).toMatch(/^[A-Z].*\.$/);
  });

  it('returns JSON matching a json_schema response format', async () => {
    const completion = await groq.chat.completions.create({
      model: MODEL,
      messages: HELLO,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } },
        },
      },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ name: 'name value', age: 1 });
    const jsonObject = await groq.chat.completions.create({
      model: MODEL,
      messages: HELLO,
      response_format: { type: 'json_object' },
    });
    expect(Object.keys(JSON.parse(jsonObject.choices[0]?.message.content ?? ''))).toEqual(['answer']);
  });

  it('echoes service_tier and answers guard models with "safe"', async () => {
    const flex = await groq.chat.completions.create({ model: MODEL, messages: HELLO, service_tier: 'flex' });
    expect(flex.service_tier).toBe('flex');
    const guard = await groq.chat.completions.create({
      model: 'meta-llama/llama-guard-4-12b',
      messages: HELLO,
    });
    expect(guard.choices[0]?.message.content).toBe('safe');
    expect(guard.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 2 });
  });

  it('is deterministic: the same seed gives the same ids and texts, another seed different ones', async () => {
    const run = async (seed: number) => {
      const s = await startSimulator({ seed, now: () => NOW });
      try {
        const client = new Groq({ apiKey: 'k', baseURL: s.url });
        return await client.chat.completions.create({ model: MODEL, messages: HELLO });
      } finally {
        await s.close();
      }
    };
    const [a, b, c] = [await run(42), await run(42), await run(43)];
    expect(b).toEqual(a);
    expect(c.id).not.toBe(a.id);
    expect(c.choices[0]?.message.content).not.toBe(a.choices[0]?.message.content);
  });
});
