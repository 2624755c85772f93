import { describe, expect, it } from 'vitest';
import { ResponseStreamFacts, readResponsesRequestParameters } from './response-stream-facts.js';

describe('readResponsesRequestParameters', () => {
  it('reads what a responses.create body asks for', () => {
    expect(
      readResponsesRequestParameters({
        model: 'openai/gpt-oss-20b',
        input: 'hi',
        temperature: 0.2,
        max_output_tokens: 300,
        top_p: 0.9,
        tools: [{ type: 'browser_search' }, { type: 'code_interpreter' }],
        service_tier: 'flex',
        reasoning: { effort: 'low' },
      }),
    ).toEqual({
      temperature: 0.2,
      maxTokens: 300,
      topP: 0.9,
      toolsCount: 2,
      serviceTier: 'flex',
      reasoningEffort: 'low',
    });
    expect(readResponsesRequestParameters(undefined)).toEqual({});
  });
});

describe('ResponseStreamFacts', () => {
  it('times output deltas, takes the id from response.created and the usage from response.completed', () => {
    const facts = new ResponseStreamFacts();
    const created = {
      type: 'response.created',
      response: { id: 'resp_1', model: 'openai/gpt-oss-20b', usage: null },
    };
    expect(facts.observe(created)).toBe(false);
    expect(facts.hasUsage).toBe(false);
    expect(facts.observe({ type: 'response.output_text.delta', delta: 'Hi' })).toBe(true);
    expect(facts.observe({ type: 'response.output_item.done' })).toBe(false);
    const completed = {
      type: 'response.completed',
      response: {
        id: 'resp_1',
        model: 'openai/gpt-oss-20b',
        status: 'completed',
        output: [{ type: 'code_interpreter_call' }],
        usage: {
          input_tokens: 9,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 32,
          output_tokens_details: { reasoning_tokens: 16 },
          total_tokens: 41,
        },
      },
    };
    expect(facts.observe(completed)).toBe(false);
    expect(facts.hasUsage).toBe(true);
    expect(facts.result()).toEqual({
      responseId: 'resp_1',
      responseModel: 'openai/gpt-oss-20b',
      finishReasons: ['completed'],
      usage: {
        inputTokens: 9,
        cachedInputTokens: 0,
        outputTokens: 32,
        reasoningTokens: 16,
        toolCalls: { code_execution: 1 },
      },
    });
    // A late response.created (never sent after the end) would not overwrite the final facts.
    facts.observe(created);
    expect(facts.hasUsage).toBe(true);
  });
});
