import { describe, expect, it } from 'vitest';
import { chatStart, MODEL, T0 } from '../test/fixtures.js';
import { useRecorderTestbed } from '../test/harness.js';
import type { OperationResult } from './types.js';

const bed = useRecorderTestbed();
const COMPOUND = 'groq/compound';
const ANSWER_MODEL = 'openai/gpt-oss-120b';
const TOOL_MODEL = 'meta-llama/llama-4-scout-17b-16e-instruct';

function endChat(requestModel: string, result: OperationResult, startTime = T0): void {
  bed
    .recorder()
    .start(chatStart({ requestModel, startTime }))
    .end(result, startTime + 10);
}

function costFacts(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(bed.harness.onlySpan().attributes).filter(
      ([key]) => key.startsWith('groq.cost.') && !key.startsWith('groq.cost.baseline'),
    ),
  );
}

async function pricedOperations(): Promise<unknown[]> {
  return bed.harness.points('groq.priced.operations');
}

describe('served means billed', () => {
  it('prices a retired model Groq still answered at its last prices, flagged stale', async () => {
    // deepseek-r1-distill-llama-70b answered 200 on 2025-10-07, five days after its retirement.
    const model = 'deepseek-r1-distill-llama-70b';
    endChat(
      model,
      { usage: { inputTokens: 1_000, outputTokens: 2_000 } },
      Date.parse('2025-10-07T12:00:00Z'),
    );
    // 1,000 × $0.75/1M + 2,000 × $0.99/1M = $0.00075 + $0.00198 = $0.00273 = 9.828 × 10^15 quanta
    expect(costFacts()).toEqual({
      'groq.cost.usd': '0.002730000000',
      'groq.cost.quanta': '9828000000000000',
      'groq.cost.known': true,
      'groq.cost.partial': false,
      'groq.cost.stale': true,
      'groq.cost.pricing': 'stale',
    });
    expect(await pricedOperations()).toEqual([
      { attributes: { model, operation: 'chat', provider: 'groq', pricing: 'stale' }, value: 1 },
    ]);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([]);
  });

  it('keeps a model never in the catalogue unpriced, never zero', async () => {
    endChat('acme/never-listed', { usage: { inputTokens: 10, outputTokens: 5 } });
    expect(costFacts()).toEqual({ 'groq.cost.known': false, 'groq.cost.pricing': 'unpriced' });
    expect(await bed.harness.points('groq.cost.usd')).toEqual([]);
    expect(await pricedOperations()).toEqual([
      {
        attributes: { model: 'acme/never-listed', operation: 'chat', provider: 'groq', pricing: 'unpriced' },
        value: 1,
      },
    ]);
  });
});

describe('compound tools', () => {
  it('prices web searches and website visits exactly', async () => {
    endChat(COMPOUND, {
      usage: { inputTokens: 1_000, outputTokens: 500, toolCalls: { web_search: 2, visit_website: 3 } },
      usageBreakdown: [{ model: ANSWER_MODEL, usage: { inputTokens: 1_000, outputTokens: 500 } }],
    });
    // 1,000 × $0.15/1M + 500 × $0.60/1M + 2 × $5/1K + 3 × $1/1K
    // = 0.00015 + 0.0003 + 0.01 + 0.003 = $0.01345 = 4.842 × 10^16 quanta
    expect(costFacts()).toEqual({
      'groq.cost.usd': '0.013450000000',
      'groq.cost.quanta': '48420000000000000',
      'groq.cost.known': true,
      'groq.cost.partial': false,
      'groq.cost.stale': false,
      'groq.cost.pricing': 'exact',
    });
    expect(await pricedOperations()).toEqual([
      { attributes: { model: COMPOUND, operation: 'chat', provider: 'groq', pricing: 'exact' }, value: 1 },
    ]);
  });

  it('prices the known parts of a code execution whose seconds Groq does not report, marked partial', async () => {
    endChat(COMPOUND, {
      usage: {
        inputTokens: 1_000,
        outputTokens: 500,
        toolCalls: { web_search: 1, code_execution: 1, wolfram_alpha: 1 },
      },
      usageBreakdown: [
        { model: ANSWER_MODEL, usage: { inputTokens: 800, outputTokens: 400 } },
        // Retired as a standalone model on 2026-07-17, still run inside compound.
        { model: TOOL_MODEL, usage: { inputTokens: 200, outputTokens: 100 } },
      ],
    });
    // gpt-oss-120b: 800 × $0.15/1M + 400 × $0.60/1M = 0.00012 + 0.00024
    // llama-4-scout (last prices): 200 × $0.11/1M + 100 × $0.34/1M = 0.000022 + 0.000034
    // web search: 1 × $5/1K = 0.005; code execution ($0.18/hour, time unknown) and Wolfram Alpha
    // (no price) left out: $0.005416 = 1.94976 × 10^16 quanta
    expect(costFacts()).toEqual({
      'groq.cost.usd': '0.005416000000',
      'groq.cost.quanta': '19497600000000000',
      'groq.cost.known': true,
      'groq.cost.partial': true,
      'groq.cost.partial_reasons': ['code_execution_seconds_unknown', 'tool_unpriced'],
      'groq.cost.stale': true,
      'groq.cost.pricing': 'partial',
    });
    const labels = {
      model: COMPOUND,
      operation: 'chat',
      provider: 'groq',
      service_tier: 'on_demand',
      batch: 'false',
    };
    expect(await bed.harness.points('groq.cost.usd')).toEqual([
      { attributes: { ...labels, component: 'input' }, value: 0.000142 },
      { attributes: { ...labels, component: 'output' }, value: 0.000274 },
      { attributes: { ...labels, component: 'tool' }, value: 0.005 },
    ]);
    expect(await bed.harness.points('groq.tool.calls')).toEqual([
      { attributes: { tool: 'web_search', model: COMPOUND }, value: 1 },
      { attributes: { tool: 'code_execution', model: COMPOUND }, value: 1 },
      { attributes: { tool: 'wolfram_alpha', model: COMPOUND }, value: 1 },
    ]);
    expect(await pricedOperations()).toEqual([
      { attributes: { model: COMPOUND, operation: 'chat', provider: 'groq', pricing: 'partial' }, value: 1 },
    ]);
  });

  it('prices code execution and browser automation by the hour when their seconds are known', () => {
    endChat(COMPOUND, {
      usage: {
        inputTokens: 0,
        outputTokens: 0,
        toolCalls: { code_execution: 1, browser_automation: 1 },
        toolSeconds: { code_execution: 20, browser_automation: 90 },
      },
      usageBreakdown: [{ model: ANSWER_MODEL, usage: { inputTokens: 0, outputTokens: 0 } }],
    });
    // 20 s × $0.18/3600 s = $0.001; 90 s × $0.08/3600 s = $0.002 (unconfirmed price): $0.003
    expect(costFacts()).toMatchObject({
      'groq.cost.usd': '0.003000000000',
      'groq.cost.quanta': '10800000000000000',
      'groq.cost.partial': false,
      'groq.cost.pricing': 'exact',
    });
  });
});

describe('usage_breakdown reconciliation', () => {
  const TOTAL = { inputTokens: 1_000, outputTokens: 500 };

  it('prices a streamed breakdown repeating the total once, on the answering model, and counts it', async () => {
    endChat(COMPOUND, {
      usage: TOTAL,
      usageBreakdown: [
        { model: ANSWER_MODEL, usage: TOTAL },
        { model: TOOL_MODEL, usage: TOTAL },
      ],
    });
    // 1,000 × $0.15/1M + 500 × $0.60/1M = $0.00045 = 1.62 × 10^15 quanta (as given it would be
    // $0.00045 + $0.00028 = $0.00073, 1.6×)
    expect(costFacts()).toEqual({
      'groq.cost.usd': '0.000450000000',
      'groq.cost.quanta': '1620000000000000',
      'groq.cost.known': true,
      'groq.cost.partial': false,
      'groq.cost.stale': false,
      'groq.cost.pricing': 'exact',
    });
    expect(await bed.harness.points('groqmeter.usage.reconciled')).toEqual([
      { attributes: { rule: 'repeated_total' }, value: 1 },
    ]);
  });

  it('prices the total of a breakdown whose sums disagree with it, counted as sum_mismatch', async () => {
    endChat(COMPOUND, {
      usage: TOTAL,
      usageBreakdown: [{ model: ANSWER_MODEL, usage: { inputTokens: 600, outputTokens: 300 } }],
    });
    expect(costFacts()['groq.cost.quanta']).toBe('1620000000000000');
    expect(await bed.harness.points('groqmeter.usage.reconciled')).toEqual([
      { attributes: { rule: 'sum_mismatch' }, value: 1 },
    ]);
  });

  it('leaves a breakdown that adds up alone', async () => {
    endChat(COMPOUND, {
      usage: TOTAL,
      usageBreakdown: [
        { model: ANSWER_MODEL, usage: { inputTokens: 800, outputTokens: 400 } },
        { model: TOOL_MODEL, usage: { inputTokens: 200, outputTokens: 100 } },
      ],
    });
    // 0.00012 + 0.00024 + 0.000022 + 0.000034 = $0.000416
    expect(costFacts()['groq.cost.usd']).toBe('0.000416000000');
    expect(await bed.harness.points('groqmeter.usage.reconciled')).toEqual([]);
  });
});

describe('operations counted as usage_missing', () => {
  it('counts a response without usage and an abandoned stream, not a models listing', async () => {
    const recorder = bed.recorder();
    recorder.start(chatStart()).end({}, T0 + 1);
    recorder.start(chatStart({ stream: true })).abandon(T0 + 1);
    recorder.start({ operation: 'models', source: 'groq-sdk', startTime: T0 }).end({}, T0 + 1);
    recorder.start({ operation: 'models', source: 'groq-sdk', startTime: T0 }).end({ usage: {} }, T0 + 1);
    expect(await pricedOperations()).toEqual([
      {
        attributes: { model: MODEL, operation: 'chat', provider: 'groq', pricing: 'usage_missing' },
        value: 2,
      },
    ]);
  });
});
