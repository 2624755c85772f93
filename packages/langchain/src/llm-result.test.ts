import { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { describe, expect, it } from 'vitest';
import { llmResultFacts } from './llm-result.js';

const rawUsage = {
  queue_time: 0.02,
  prompt_tokens: 7,
  prompt_time: 0.1,
  completion_tokens: 4,
  completion_time: 0.004,
  total_tokens: 11,
  total_time: 0.104,
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 3 },
};
const serverTiming = { queueTime: 0.02, promptTime: 0.1, completionTime: 0.004, totalTime: 0.104 };

describe('llmResultFacts', () => {
  it('reads a non-streamed ChatGroq result from the raw usage it keeps in response_metadata', () => {
    const message = new AIMessage({
      content: 'Hi',
      usage_metadata: { input_tokens: 7, output_tokens: 4, total_tokens: 11 },
      response_metadata: {
        id: 'chatcmpl-1',
        model: 'openai/gpt-oss-20b',
        usage: rawUsage,
        x_groq: { id: 'req_1' },
        service_tier: 'on_demand',
        finish_reason: 'stop',
      },
    });
    const output = { generations: [[{ text: 'Hi', message, generationInfo: { finish_reason: 'stop' } }]] };
    expect(llmResultFacts(output)).toEqual({
      responseModel: 'openai/gpt-oss-20b',
      responseId: 'chatcmpl-1',
      groqRequestId: 'req_1',
      serviceTier: 'on_demand',
      finishReasons: ['stop'],
      usage: { inputTokens: 7, outputTokens: 4, cachedInputTokens: 0, reasoningTokens: 3 },
      serverTiming,
    });
  });

  it('passes on the per-model usage of a compound system', () => {
    const message = new AIMessage({
      content: 'Sunny',
      response_metadata: {
        model: 'groq/compound',
        usage: { prompt_tokens: 120, completion_tokens: 16 },
        usage_breakdown: {
          models: [
            { model: 'openai/gpt-oss-120b', usage: { prompt_tokens: 90, completion_tokens: 12 } },
            { model: 'openai/gpt-oss-20b', usage: { prompt_tokens: 30, completion_tokens: 4 } },
          ],
        },
      },
    });
    expect(llmResultFacts({ generations: [[{ text: 'Sunny', message }]] })).toEqual({
      responseModel: 'groq/compound',
      usage: { inputTokens: 120, outputTokens: 16 },
      usageBreakdown: [
        { model: 'openai/gpt-oss-120b', usage: { inputTokens: 90, outputTokens: 12 } },
        { model: 'openai/gpt-oss-20b', usage: { inputTokens: 30, outputTokens: 4 } },
      ],
    });
  });

  it('is not fooled by LangChain adding up streamed usage that Groq sent twice', () => {
    // What ChatGroq streams when Groq sends both x_groq.usage on the finish chunk and a
    // trailing `choices: []` usage chunk: LangChain's merge sums numbers field by field.
    const finishChunk = new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        response_metadata: {
          usage: { input_tokens: 7, output_tokens: 4, total_tokens: 11 },
          timing: { queue_time: 0.02, prompt_time: 0.1, completion_time: 0.004, total_time: 0.104 },
        },
      }),
      generationInfo: { finish_reason: 'stop', model_name: 'openai/gpt-oss-20b' },
    });
    const lastRawChunk = new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        response_metadata: {
          id: 'chatcmpl-2',
          model: 'openai/gpt-oss-20b',
          usage: rawUsage,
          x_groq: { id: 'req_2' },
        },
      }),
    });
    const merged = finishChunk.concat(lastRawChunk);
    expect(merged.message.response_metadata).toMatchObject({ usage: { total_tokens: 22 } });

    expect(llmResultFacts({ generations: [[merged]] })).toEqual({
      responseModel: 'openai/gpt-oss-20b',
      responseId: 'chatcmpl-2',
      groqRequestId: 'req_2',
      finishReasons: ['stop'],
      usage: { inputTokens: 7, outputTokens: 4, cachedInputTokens: 0, reasoningTokens: 3 },
      serverTiming,
    });
  });

  it('reads a stream whose last raw chunk was the finish chunk from x_groq.usage', () => {
    const message = new AIMessageChunk({
      content: 'Hi',
      response_metadata: {
        usage: { input_tokens: 7, output_tokens: 4, total_tokens: 11 },
        model: 'openai/gpt-oss-20b',
        x_groq: { id: 'req_3', usage: rawUsage },
      },
    });
    expect(llmResultFacts({ generations: [[{ text: 'Hi', message }]] })).toMatchObject({
      usage: { inputTokens: 7, outputTokens: 4, cachedInputTokens: 0, reasoningTokens: 3 },
      serverTiming,
    });
  });

  it("falls back to LangChain's own usage fields and ChatGroq's streamed timing", () => {
    const fromUsageMetadata = new AIMessage({
      content: 'Hi',
      usage_metadata: {
        input_tokens: 30,
        output_tokens: 9,
        total_tokens: 39,
        input_token_details: { cache_read: 16 },
        output_token_details: { reasoning: 5 },
      },
    });
    expect(llmResultFacts({ generations: [[{ text: 'Hi', message: fromUsageMetadata }]] })).toEqual({
      usage: { inputTokens: 30, outputTokens: 9, cachedInputTokens: 16, reasoningTokens: 5 },
    });

    const fromTokenUsage = new AIMessage({ content: 'Hi' });
    expect(
      llmResultFacts({
        generations: [[{ text: 'Hi', message: fromTokenUsage }]],
        llmOutput: { tokenUsage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } },
      }),
    ).toEqual({ usage: { inputTokens: 3, outputTokens: 2 } });

    const streamedOnly = new AIMessageChunk({
      content: 'Hi',
      response_metadata: {
        usage: { input_tokens: 7, output_tokens: 4, total_tokens: 11 },
        timing: { queue_time: 0.02, prompt_time: 0.1, completion_time: 0.004, total_time: 0.104 },
      },
    });
    expect(llmResultFacts({ generations: [[{ text: 'Hi', message: streamedOnly }]] })).toEqual({
      usage: { inputTokens: 7, outputTokens: 4 },
      serverTiming,
    });
  });

  it('gives one finish reason per generation and nothing for an empty result', () => {
    const generation = (reason: string) => ({
      text: '',
      message: new AIMessage({ content: '' }),
      generationInfo: { finish_reason: reason },
    });
    expect(
      llmResultFacts({ generations: [[generation('stop'), generation('length')]] }).finishReasons,
    ).toEqual(['stop', 'length']);
    expect(llmResultFacts({ generations: [] })).toEqual({});
  });
});
