import { describe, expect, it } from 'vitest';
import { type ChatModelRunStart, isGroqRun, operationStartFromRun, runAttribution } from './run-start.js';

const chatGroq = {
  lc: 1,
  type: 'constructor',
  id: ['langchain', 'chat_models', 'groq', 'ChatGroq'],
  kwargs: {},
};

function run(overrides: Partial<ChatModelRunStart> = {}): ChatModelRunStart {
  return {
    llm: chatGroq,
    extraParams: undefined,
    tags: undefined,
    metadata: undefined,
    runName: undefined,
    runId: 'run-1',
    ...overrides,
  };
}

describe('isGroqRun', () => {
  it('accepts ChatGroq by its LangSmith provider or its class id, and nothing else', () => {
    expect(isGroqRun(run())).toBe(true);
    expect(isGroqRun(run({ llm: { id: ['custom', 'Wrapper'] }, metadata: { ls_provider: 'groq' } }))).toBe(
      true,
    );
    expect(
      isGroqRun(
        run({
          llm: { id: ['langchain', 'chat_models', 'openai', 'ChatOpenAI'] },
          metadata: { ls_provider: 'openai' },
        }),
      ),
    ).toBe(false);
    expect(isGroqRun(run({ llm: undefined }))).toBe(false);
  });
});

describe('runAttribution', () => {
  it('copies allow-listed scalar metadata and puts the run name, id and tags on the span', () => {
    const attribution = runAttribution(
      run({
        metadata: {
          feature: 'support',
          platform: 'web',
          tenant_tier: 3,
          'user.id': 'u-9',
          ls_model_name: 'x',
          nested: {},
        },
        runName: 'answer-question',
        tags: ['seq:step:1', 'beta'],
      }),
      ['feature', 'platform', 'tenant_tier', 'nested'],
    );
    expect(attribution).toEqual({
      feature: 'support',
      platform: 'web',
      tenant_tier: 3,
      'langchain.run.id': 'run-1',
      'langchain.run.name': 'answer-question',
      'langchain.run.tags': 'seq:step:1,beta',
    });
  });
});

describe('operationStartFromRun', () => {
  it("maps ChatGroq's invocation params", () => {
    const invocationParams = {
      model: 'openai/gpt-oss-20b',
      temperature: 0.3,
      max_completion_tokens: 512,
      top_p: 0.8,
      frequency_penalty: 0.5,
      presence_penalty: 0.2,
      stop: ['END'],
      seed: 11,
      n: 2,
      tools: [{ type: 'function', function: { name: 'weather' } }],
      response_format: { type: 'json_object' },
      service_tier: 'flex',
      reasoning_effort: 'low',
      stream: false,
    };
    expect(operationStartFromRun(run({ extraParams: { invocation_params: invocationParams } }), [])).toEqual({
      operation: 'chat',
      source: 'langchain',
      requestModel: 'openai/gpt-oss-20b',
      request: {
        temperature: 0.3,
        maxTokens: 512,
        topP: 0.8,
        frequencyPenalty: 0.5,
        presencePenalty: 0.2,
        stopSequences: ['END'],
        seed: 11,
        choiceCount: 2,
        toolsCount: 1,
        outputType: 'json',
        serviceTier: 'flex',
        reasoningEffort: 'low',
      },
      attributes: { 'langchain.run.id': 'run-1' },
    });
  });

  it('takes the model from ls_model_name when the invocation params do not name it', () => {
    const start = operationStartFromRun(run({ metadata: { ls_model_name: 'llama-3.3-70b-versatile' } }), []);
    expect(start.requestModel).toBe('llama-3.3-70b-versatile');
    expect(start.request).toEqual({});
  });
});
