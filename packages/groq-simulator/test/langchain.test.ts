import { HumanMessage } from '@langchain/core/messages';
import { ChatGroq } from '@langchain/groq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index';

const MODEL = 'openai/gpt-oss-20b';
const USAGE = {
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

beforeAll(async () => {
  sim = await startSimulator({ now: () => Date.UTC(2026, 0, 1) });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const chat = (fields: Partial<ConstructorParameters<typeof ChatGroq>[0]> = {}) =>
  new ChatGroq({ apiKey: 'test-key', model: MODEL, baseUrl: sim.url, maxRetries: 0, ...fields });

describe('@langchain/groq ChatGroq against the simulator', () => {
  it('invoke: usage_metadata and the raw Groq usage in response_metadata', async () => {
    const message = await chat().invoke([new HumanMessage('Hello there')]);
    expect(message.usage_metadata).toEqual({ input_tokens: 7, output_tokens: 32, total_tokens: 39 });
    expect(message.response_metadata).toMatchObject({
      model: MODEL,
      usage: USAGE,
      finish_reason: 'stop',
      model_provider: 'groq',
      tokenUsage: { promptTokens: 7, completionTokens: 32, totalTokens: 39 },
    });
    expect((message.response_metadata.x_groq as { id: string }).id).toMatch(/^req_01/);
    expect(String(message.content).split(' ')).toHaveLength(16);
  });

  it('stream: asks for include_usage; LangChain merges x_groq.usage and the usage chunk, doubling total_tokens', async () => {
    let aggregate: Awaited<ReturnType<ReturnType<typeof chat>['invoke']>> | undefined;
    let chunks = 0;
    for await (const chunk of await chat().stream([new HumanMessage('Hello there')])) {
      chunks += 1;
      aggregate = aggregate ? aggregate.concat(chunk) : chunk;
    }
    expect(chunks).toBe(1 + 16 + 16 + 1 + 1);
    expect(aggregate?.usage_metadata).toBeUndefined();
    expect(aggregate?.response_metadata.timing).toEqual({
      queue_time: 0.02,
      prompt_time: 0.1,
      completion_time: 0.032,
      total_time: 0.132,
    });
    // The finish chunk contributes {input,output,total}_tokens from x_groq.usage and the
    // choices: [] chunk the raw usage; LangChain's merge adds the two total_tokens (39 + 39).
    expect(aggregate?.response_metadata.usage).toEqual({
      ...USAGE,
      input_tokens: 7,
      output_tokens: 32,
      total_tokens: 78,
    });
    expect(String(aggregate?.content).split(' ')).toHaveLength(16);
    expect(sim.stats().models[MODEL]?.chat).toMatchObject({
      requests: { '200': 1 },
      promptTokens: 7,
      completionTokens: 32,
    });
  });

  it('does not retry a free-plan 429: the message links to billing, which LangChain reads as quota exhausted', async () => {
    const error = await chat({ maxRetries: 2 })
      .invoke([new HumanMessage('Hello there')], {
        headers: { 'x-simulator-fault': '429', 'x-simulator-call-id': 'lc-0' },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RateLimitQuotaExhaustedError', status: 429 });
    expect(sim.stats().models[MODEL]?.chat?.requests).toEqual({ '429': 1 });
  });

  it("retries a developer-plan 429 through LangChain's own retry, keyed by x-simulator-call-id", async () => {
    const developer = await startSimulator({ plan: 'developer' });
    try {
      const model = new ChatGroq({ apiKey: 'k', model: MODEL, baseUrl: developer.url, maxRetries: 2 });
      const message = await model.invoke([new HumanMessage('Hello there')], {
        headers: {
          'x-simulator-fault': '429',
          'x-simulator-fault-count': '1',
          'x-simulator-call-id': 'lc-1',
        },
      });
      expect(message.usage_metadata?.total_tokens).toBe(39);
      expect(developer.stats().models[MODEL]?.chat?.requests).toEqual({ '200': 1, '429': 1 });
    } finally {
      await developer.close();
    }
  });
});
