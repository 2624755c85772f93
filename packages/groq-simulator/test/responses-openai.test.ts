import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index';

let sim: RunningSimulator;
let openai: OpenAI;
beforeAll(async () => {
  sim = await startSimulator();
  openai = new OpenAI({ apiKey: 'k', baseURL: sim.openaiBaseURL, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const MODEL = 'openai/gpt-oss-20b';

describe('Responses API through the openai SDK', () => {
  it('answers with a reasoning item, a message and usage in the Responses shape', async () => {
    const response = await openai.responses.create({ model: MODEL, input: 'Hello there' });
    expect(response).toMatchObject({ object: 'response', status: 'completed', model: MODEL });
    expect(response.id).toMatch(/^resp_01/);
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    // 16 words of answer after 16 reasoning tokens.
    expect(response.output_text.split(' ')).toHaveLength(16);
    // 7 = 4 + ceil(11 / 4)
    expect(response.usage).toEqual({
      input_tokens: 7,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 32,
      output_tokens_details: { reasoning_tokens: 16 },
      total_tokens: 39,
    });
    expect(sim.stats().models[MODEL]?.responses).toMatchObject({
      requests: { '200': 1 },
      promptTokens: 7,
      completionTokens: 32,
      reasoningTokens: 16,
    });
  });

  it('streams the events in order and ends with response.completed carrying the same response', async () => {
    const plain = await openai.responses.create({ model: MODEL, input: 'Hello there' });
    sim.reset();
    const stream = await openai.responses.create({ model: MODEL, input: 'Hello there', stream: true });
    const types: string[] = [];
    let text = '';
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(types.slice(0, 3)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
    ]);
    expect(types.filter((t) => t === 'response.reasoning_text.delta')).toHaveLength(16);
    expect(types.filter((t) => t === 'response.output_text.delta')).toHaveLength(16);
    expect(types.at(-1)).toBe('response.completed');
    expect(text).toBe(plain.output_text);
    expect(completed?.usage).toEqual(plain.usage);
    expect(sim.stats().models[MODEL]?.responses?.completionTokens).toBe(32);
  });

  it('runs code_interpreter, browser_search and mcp as output items and counts each call', async () => {
    const response = await openai.responses.create({
      model: 'openai/gpt-oss-120b',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is Groq?' }] }],
      tools: [
        { type: 'code_interpreter', container: { type: 'auto' } },
        { type: 'browser_search' } as unknown as OpenAI.Responses.Tool,
        {
          type: 'mcp',
          server_label: 'docs',
          server_url: 'https://mcp.example.com',
          require_approval: 'never',
        },
      ],
    });
    expect(response.output.map((item) => item.type)).toEqual([
      'reasoning',
      'code_interpreter_call',
      'web_search_call',
      'mcp_list_tools',
      'mcp_call',
      'message',
    ]);
    expect(response.output[1]).toMatchObject({
      code: 'print(6 * 7)',
      outputs: [{ type: 'logs', logs: '42\n' }],
    });
    expect(response.output[4]).toMatchObject({
      server_label: 'docs',
      arguments: '{"query":"What is Groq?"}',
    });
    const tools = JSON.stringify([
      { type: 'code_interpreter', container: { type: 'auto' } },
      { type: 'browser_search' },
      { type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com', require_approval: 'never' },
    ]);
    // 4 + ceil(13 / 4) for the message, the tools as sent, and 100 per tool output read back.
    expect(response.usage?.input_tokens).toBe(8 + Math.ceil(tools.length / 4) + 300);
    expect(sim.stats().models['openai/gpt-oss-120b']?.responses?.toolCalls).toEqual({
      code_interpreter: 1,
      browser_search: 1,
      mcp: 1,
    });
  });

  it('calls a function tool and takes its output back as input', async () => {
    const tools: OpenAI.Responses.Tool[] = [
      {
        type: 'function',
        name: 'get_weather',
        strict: true,
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const first = await openai.responses.create({ model: MODEL, input: 'Weather in Paris?', tools });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"city value"}' });
    const second = await openai.responses.create({
      model: MODEL,
      tools,
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        call as OpenAI.Responses.ResponseFunctionToolCall,
        {
          type: 'function_call_output',
          call_id: (call as OpenAI.Responses.ResponseFunctionToolCall).call_id,
          output: 'sunny',
        },
      ],
    });
    expect(second.output.at(-1)?.type).toBe('message');
  });

  it('sends the error frame mid-stream on the stream-error fault', async () => {
    const stream = await openai.responses.create(
      { model: MODEL, input: 'Hello there', stream: true },
      { headers: { 'x-simulator-fault': 'stream-error' } },
    );
    const failure = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(sim.stats().models[MODEL]?.responses).toMatchObject({
      faults: { 'stream-error': 1 },
      promptTokens: 0,
    });
  });

  it('refuses previous_response_id and unsupported tool types with a 400', async () => {
    const stateful = await openai.responses
      .create({ model: MODEL, input: 'Hi', previous_response_id: 'resp_1' })
      .catch((e: unknown) => e);
    expect(stateful).toMatchObject({ status: 400 });
    const fileSearch = await openai.responses
      .create({ model: MODEL, input: 'Hi', tools: [{ type: 'file_search', vector_store_ids: ['vs'] }] })
      .catch((e: unknown) => e);
    expect(fileSearch).toMatchObject({ status: 400 });
  });
});
