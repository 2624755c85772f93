import { createGroq } from '@ai-sdk/groq';
import { generateObject, generateText, jsonSchema, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index';

const MODEL = 'openai/gpt-oss-20b';
let sim: RunningSimulator;
let groq: ReturnType<typeof createGroq>;

beforeAll(async () => {
  sim = await startSimulator({
    now: () => Date.UTC(2026, 0, 1),
    models: { [MODEL]: { limits: { requestsPerDay: 14_400, tokensPerMinute: 6000 } } },
  });
  groq = createGroq({ apiKey: 'test-key', baseURL: sim.openaiBaseURL });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const EXPECTED_USAGE = {
  inputTokens: 7,
  inputTokenDetails: { noCacheTokens: 7, cacheReadTokens: 0, cacheWriteTokens: undefined },
  outputTokens: 32,
  outputTokenDetails: { textTokens: 16, reasoningTokens: 16 },
  totalTokens: 39,
  reasoningTokens: 16,
  cachedInputTokens: 0,
};

describe('ai + @ai-sdk/groq against the simulator', () => {
  it('generateText: usage, reasoning, and rate-limit values in response.headers', async () => {
    const result = await generateText({ model: groq(MODEL), prompt: 'Hello there', maxRetries: 0 });
    expect(result.usage).toMatchObject(EXPECTED_USAGE);
    expect(result.text.split(' ')).toHaveLength(16);
    expect(result.reasoningText?.split(' ')).toHaveLength(16);
    expect(result.response.headers).toMatchObject({
      'x-ratelimit-limit-requests': '14400',
      'x-ratelimit-remaining-requests': '14399',
      'x-ratelimit-reset-requests': '6s',
      'x-ratelimit-limit-tokens': '6000',
      'x-ratelimit-remaining-tokens': '5961',
      'x-ratelimit-reset-tokens': '390ms',
    });
    expect((result.response.body as { usage: { queue_time: number } }).usage.queue_time).toBe(0.02);
  });

  it('streamText: usage from x_groq.usage on the final chunk and headers with the stream', async () => {
    const result = streamText({ model: groq(MODEL), prompt: 'Hello there', maxRetries: 0 });
    const text = await result.text;
    expect(text.split(' ')).toHaveLength(16);
    expect(await result.usage).toMatchObject(EXPECTED_USAGE);
    expect(await result.finishReason).toBe('stop');
    expect((await result.response).headers?.['x-ratelimit-remaining-tokens']).toBe('5961');
  });

  it('tool calls: the model calls the tool with schema-valid input, generate and stream', async () => {
    const weather = tool({
      description: 'Weather for a city',
      inputSchema: jsonSchema<{ city: string; unit: 'c' | 'f' }>({
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
        required: ['city', 'unit'],
        additionalProperties: false,
      }),
    });
    const generated = await generateText({
      model: groq(MODEL),
      prompt: 'Weather in Oslo?',
      tools: { weather },
      maxRetries: 0,
    });
    expect(generated.finishReason).toBe('tool-calls');
    expect(generated.toolCalls.map((c) => [c.toolName, c.input])).toEqual([
      ['weather', { city: 'city value', unit: 'c' }],
    ]);

    const streamed = streamText({
      model: groq(MODEL),
      prompt: 'Weather in Oslo?',
      tools: { weather },
      maxRetries: 0,
    });
    const calls = await streamed.toolCalls;
    expect(calls.map((c) => [c.toolName, c.input])).toEqual([['weather', { city: 'city value', unit: 'c' }]]);
  });

  it('generateObject: JSON content that matches the schema', async () => {
    const { object, usage } = await generateObject({
      model: groq(MODEL),
      prompt: 'A person',
      maxRetries: 0,
      schema: jsonSchema<{ name: string; age: number; tags: string[] }>({
        type: 'object',
        properties: {
          name: { type: 'string' },
          age: { type: 'integer', minimum: 18 },
          tags: { type: 'array', items: { type: 'string' } },
        },
        required: ['name', 'age', 'tags'],
        additionalProperties: false,
      }),
    });
    expect(object).toEqual({ name: 'name value', age: 18, tags: ['tags value'] });
    expect(usage.outputTokens).toBe(32);
  });

  it('retries a 429 itself, honouring retry-after: 0, matched by the identical request body', async () => {
    const result = await generateText({
      model: groq(MODEL),
      prompt: 'Hello there',
      maxRetries: 2,
      headers: { 'x-simulator-fault': '429', 'x-simulator-fault-count': '1' },
    });
    expect(result.usage.totalTokens).toBe(39);
    expect(sim.stats().models[MODEL]?.chat?.requests).toEqual({ '200': 1, '429': 1 });
  });
});
