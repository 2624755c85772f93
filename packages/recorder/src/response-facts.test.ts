import { describe, expect, it } from 'vitest';
import { readResponseFacts } from './response-facts.js';

describe('readResponseFacts', () => {
  it('reads a Groq Responses API response: usage with cached and reasoning tokens, built-in tools', () => {
    const response = {
      id: 'resp_01',
      object: 'response',
      status: 'completed',
      model: 'openai/gpt-oss-120b',
      service_tier: 'on_demand',
      output: [
        { type: 'reasoning', id: 'rs_1' },
        { type: 'code_interpreter_call', id: 'ci_1' },
        { type: 'web_search_call', id: 'ws_1' },
        { type: 'web_search_call', id: 'ws_2' },
        { type: 'mcp_call', id: 'mcp_1' },
        { type: 'message', id: 'msg_1' },
      ],
      usage: {
        input_tokens: 120,
        input_tokens_details: { cached_tokens: 64 },
        output_tokens: 40,
        output_tokens_details: { reasoning_tokens: 16 },
        total_tokens: 160,
      },
    };
    expect(readResponseFacts(response)).toEqual({
      responseId: 'resp_01',
      responseModel: 'openai/gpt-oss-120b',
      serviceTier: 'on_demand',
      finishReasons: ['completed'],
      usage: {
        inputTokens: 120,
        cachedInputTokens: 64,
        outputTokens: 40,
        reasoningTokens: 16,
        toolCalls: { code_execution: 1, browser_search: 2 },
      },
    });
  });

  it('leaves usage out when the response carries no token counts (never zero tokens)', () => {
    expect(readResponseFacts({ id: 'resp_02', status: 'in_progress', output: [] })).toEqual({
      responseId: 'resp_02',
      finishReasons: ['in_progress'],
    });
  });
});
