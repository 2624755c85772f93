import Groq from 'groq-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index';

let sim: RunningSimulator;
let groq: Groq;
beforeAll(async () => {
  sim = await startSimulator();
  groq = new Groq({ apiKey: 'k', baseURL: sim.url, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

// 8 = 4 + ceil("What is Groq?".length / 4)
const QUESTION = [{ role: 'user' as const, content: 'What is Groq?' }];

interface Breakdown {
  models: {
    model: string;
    usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  }[];
}

describe('compound systems', () => {
  it('groq/compound runs a search and a code execution by default and breaks usage down by model', async () => {
    const answer = await groq.chat.completions.create({ model: 'groq/compound', messages: QUESTION });
    const tools = answer.choices[0]?.message.executed_tools ?? [];
    expect(tools.map((t) => t.type)).toEqual(['search', 'python']);
    expect(tools[0]).toMatchObject({
      index: 0,
      arguments: '{"query":"What is Groq?"}',
      search_results: { results: [{ title: 'What is Groq?', url: 'https://example.com/what-is-groq%3F' }] },
    });
    expect(tools[1]).toMatchObject({
      index: 1,
      arguments: '{"code":"print(6 * 7)"}',
      code_results: [{ text: '42\n' }],
    });
    // 8 prompt tokens + 100 per tool output read back; 32 completion tokens.
    expect(answer.usage).toMatchObject({ prompt_tokens: 208, completion_tokens: 32, total_tokens: 240 });
    const breakdown = answer.usage_breakdown as unknown as Breakdown;
    expect(breakdown.models.map((m) => [m.model, m.usage.prompt_tokens, m.usage.completion_tokens])).toEqual([
      ['openai/gpt-oss-120b', 8, 16],
      ['meta-llama/llama-4-scout-17b-16e-instruct', 200, 16],
    ]);
    expect(sim.stats().models['groq/compound']?.chat).toMatchObject({
      promptTokens: 208,
      completionTokens: 32,
      toolCalls: { search: 1, python: 1 },
    });
  });

  it('runs the enabled tools of compound_custom, capped at one call on compound-mini', async () => {
    const body = {
      model: 'groq/compound',
      messages: QUESTION,
      compound_custom: {
        tools: { enabled_tools: ['browser_automation', 'web_search', 'wolfram_alpha', 'visit_website'] },
      },
    };
    const full = await groq.chat.completions.create(body);
    const fullTools = full.choices[0]?.message.executed_tools ?? [];
    expect(fullTools.map((t) => t.type)).toEqual(['browser_automation', 'search', 'wolfram', 'visit']);
    expect(fullTools[0]?.browser_results?.[0]).toMatchObject({
      live_view_url: 'https://example.com/what-is-groq%3F#live',
    });
    const mini = await groq.chat.completions.create({
      ...body,
      model: 'groq/compound-mini',
    });
    expect(mini.choices[0]?.message.executed_tools?.map((t) => t.type)).toEqual(['browser_automation']);
    expect(mini.usage?.prompt_tokens).toBe(108);
  });

  it('takes the tools from x-simulator-compound-tools and rejects unknown ones', async () => {
    const answer = await groq.chat.completions.create(
      { model: 'groq/compound', messages: QUESTION },
      { headers: { 'x-simulator-compound-tools': 'wolfram,visit,visit' } },
    );
    expect(answer.choices[0]?.message.executed_tools?.map((t) => t.type)).toEqual([
      'wolfram',
      'visit',
      'visit',
    ]);
    const none = await groq.chat.completions.create(
      { model: 'groq/compound', messages: QUESTION },
      { headers: { 'x-simulator-compound-tools': '' } },
    );
    expect(none.choices[0]?.message.executed_tools).toBeUndefined();
    expect(none.usage?.prompt_tokens).toBe(8);
    const bad = await groq.chat.completions
      .create(
        { model: 'groq/compound', messages: QUESTION },
        { headers: { 'x-simulator-compound-tools': 'ssh' } },
      )
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400 });
  });

  it('streams each tool twice (call, then output) and repeats the total usage in every breakdown entry', async () => {
    const stream = await groq.chat.completions.create({
      model: 'groq/compound',
      messages: QUESTION,
      stream: true,
    });
    const executed: unknown[] = [];
    let breakdown: Breakdown | undefined;
    let usage: unknown;
    for await (const chunk of stream) {
      executed.push(...(chunk.choices[0]?.delta.executed_tools ?? []));
      if (chunk.x_groq?.usage_breakdown) breakdown = chunk.x_groq.usage_breakdown as unknown as Breakdown;
      if (chunk.x_groq?.usage) usage = chunk.x_groq.usage;
    }
    expect(executed).toHaveLength(4);
    expect(executed[0]).toEqual({ index: 0, type: 'search', arguments: '{"query":"What is Groq?"}' });
    expect(executed[1]).toMatchObject({
      index: 0,
      type: 'search',
      output: expect.stringContaining('Title:'),
    });
    expect(usage).toMatchObject({ prompt_tokens: 208, completion_tokens: 32 });
    expect(breakdown?.models.map((m) => m.model)).toEqual([
      'openai/gpt-oss-120b',
      'meta-llama/llama-4-scout-17b-16e-instruct',
    ]);
    for (const entry of breakdown?.models ?? []) expect(entry.usage).toEqual(usage);
    expect(sim.stats().models['groq/compound']?.chat?.toolCalls).toEqual({ search: 1, python: 1 });
  });
});
