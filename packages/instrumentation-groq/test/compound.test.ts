import {
  type CostComponent,
  formatUsd,
  type Money,
  priceUsage,
  toUsdNumber,
  type Usage,
} from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import { answeringWith, streamingEvents } from './groq-fixture.js';
import { useSimulatorSuite } from './simulator-suite.js';

const COMPOUND = 'groq/compound';
const messages = [{ role: 'user' as const, content: 'What is the weather in Tokyo?' }];
const wireUsage = (prompt: number, completion: number, cached?: number) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  ...(cached === undefined ? {} : { prompt_tokens_details: { cached_tokens: cached } }),
});
/** Groq's answer: the request's total usage, and what each underlying model used of it. */
const USAGE = wireUsage(1400, 600, 200);
const USAGE_BREAKDOWN = {
  models: [
    { model: 'openai/gpt-oss-120b', usage: wireUsage(1000, 500, 200) },
    { model: 'openai/gpt-oss-20b', usage: wireUsage(400, 100) },
  ],
};
const EXECUTED_TOOLS = [
  { index: 0, type: 'search', arguments: '{"query":"tokyo weather"}' },
  { index: 1, type: 'search', arguments: '{"query":"tokyo forecast"}' },
  { index: 2, type: 'visit', arguments: '{"url":"https://example.com"}' },
];

/** Each priced part as the catalogue prices it, added up per component in exact money. */
function expectedCost(parts: Array<[string, Usage]>): {
  components: [CostComponent, number][];
  total: string;
} {
  const amounts = new Map<CostComponent, Money>();
  let total = 0n;
  for (const [model, usage] of parts) {
    const price = priceUsage(model, usage);
    if (!price.known) throw new Error(`test setup: ${model} has no price (${price.reason})`);
    for (const line of price.lines)
      amounts.set(line.component, (amounts.get(line.component) ?? 0n) + line.amount);
    total += price.total;
  }
  return {
    components: [...amounts].map(([component, amount]) => [component, toUsdNumber(amount)]),
    total: formatUsd(total, 12),
  };
}

const EXPECTED = expectedCost([
  ['openai/gpt-oss-120b', { inputTokens: 1000, cachedInputTokens: 200, outputTokens: 500 }],
  ['openai/gpt-oss-20b', { inputTokens: 400, outputTokens: 100 }],
  [COMPOUND, { toolCalls: { web_search: 2, visit_website: 1 } }],
]);

const suite = useSimulatorSuite();

async function expectCompoundTelemetry(): Promise<void> {
  const labels = { model: COMPOUND, operation: 'chat', provider: 'groq' };
  expect(await suite.telemetry.points('groq.tokens')).toEqual([
    { attributes: { ...labels, type: 'input' }, value: 1400 },
    { attributes: { ...labels, type: 'cached_input' }, value: 200 },
    { attributes: { ...labels, type: 'output' }, value: 600 },
  ]);
  const costLabels = { ...labels, service_tier: 'on_demand', batch: 'false' };
  const cost = await suite.telemetry.points('groq.cost.usd');
  expect(cost.map((point) => point.attributes.component)).toEqual([
    'input',
    'cached_input',
    'output',
    'tool',
  ]);
  expect(cost).toEqual(
    EXPECTED.components.map(([component, value]) => ({ attributes: { ...costLabels, component }, value })),
  );
  expect(suite.onlySpan().attributes).toMatchObject({
    'groq.cost.usd': EXPECTED.total,
    'groq.cost.known': true,
  });
  expect(await suite.telemetry.points('groq.tool.calls')).toEqual([
    { attributes: { tool: 'web_search', model: COMPOUND }, value: 2 },
    { attributes: { tool: 'visit_website', model: COMPOUND }, value: 1 },
  ]);
  expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([]);
}

describe('compound systems', () => {
  it('prices each model of usage_breakdown and the built-in tools of a completion', async () => {
    const groq = suite.instrumentedClient(
      {},
      {
        fetch: answeringWith({
          id: 'chatcmpl-compound',
          object: 'chat.completion',
          model: COMPOUND,
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: 'Mild and sunny.', executed_tools: EXECUTED_TOOLS },
            },
          ],
          usage: USAGE,
          usage_breakdown: USAGE_BREAKDOWN,
          x_groq: { id: 'req_compound' },
        }),
      },
    );
    await groq.chat.completions.create({ model: COMPOUND, messages });
    await expectCompoundTelemetry();
  });

  it('prices each model of x_groq.usage_breakdown of a stream', async () => {
    const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      id: 'chatcmpl-compound',
      object: 'chat.completion.chunk',
      model: COMPOUND,
      choices: [{ index: 0, delta, finish_reason: null }],
      ...extra,
    });
    const groq = suite.instrumentedClient(
      {},
      {
        fetch: streamingEvents([
          chunk({ role: 'assistant', content: '' }, { x_groq: { id: 'req_compound' } }),
          chunk({ executed_tools: EXECUTED_TOOLS }),
          chunk({ content: 'Mild and sunny.' }),
          {
            ...chunk({}),
            choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
            x_groq: { id: 'req_compound', usage: USAGE, usage_breakdown: USAGE_BREAKDOWN },
          },
        ]),
      },
    );
    const stream = await groq.chat.completions.create({ model: COMPOUND, messages, stream: true });
    for await (const _chunk of stream) {
      // read it all
    }
    await expectCompoundTelemetry();
  });
});
