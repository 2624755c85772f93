import { defaultPriceBook, formatUsd } from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import { costByComponent, priceOperation } from './price-operation.js';

const at = new Date('2026-11-21T10:00:00.000Z');

describe('what priceOperation bills', () => {
  const kindOf = (usage: Parameters<typeof priceOperation>[1]['usage']) =>
    priceOperation(defaultPriceBook, { model: 'openai/gpt-oss-20b', usage }, { at }).kind;

  it('prices any amount, zero included, or any built-in tool entry (known or not: never unbilled)', () => {
    expect(kindOf({ inputTokens: 0 })).toBe('known');
    expect(kindOf({ audioSeconds: 3 })).toBe('unknown');
    expect(kindOf({ characters: 12 })).toBe('unknown');
    expect(kindOf({ toolCalls: { web_search: 1 } })).not.toBe('unbilled');
    expect(kindOf({ toolSeconds: { code_execution: 2.5 } })).not.toBe('unbilled');
  });

  it('bills nothing for an empty usage, empty tool maps included', () => {
    expect(kindOf({})).toBe('unbilled');
    expect(kindOf({ toolCalls: {}, toolSeconds: {} })).toBe('unbilled');
  });
});

describe('priceOperation', () => {
  it('prices a plain usage (no tools, no breakdown) exactly as through a bill of parts', () => {
    const usages = [
      {},
      { inputTokens: 0 },
      { inputTokens: 1200, cachedInputTokens: 200, outputTokens: 500, reasoningTokens: 100 },
      { audioSeconds: 3.2 },
      { characters: 42 },
      { inputTokens: -1 },
    ];
    const models = [
      undefined,
      'openai/gpt-oss-20b',
      'whisper-large-v3',
      'acme/unknown',
      'mixtral-8x7b-32768',
    ];
    for (const model of models) {
      for (const usage of usages) {
        const run = (withParts: boolean) => {
          try {
            // An empty tool map bills nothing, but takes the path that gathers parts into a bill.
            const priced = withParts ? { ...usage, toolCalls: {} } : usage;
            return priceOperation(defaultPriceBook, { model, usage: priced }, { at, batch: false });
          } catch (error) {
            return (error as Error).message;
          }
        };
        expect(run(false), `${model} ${JSON.stringify(usage)}`).toEqual(run(true));
      }
    }
  });

  it('does not price an empty usage, with or without a model', () => {
    expect(priceOperation(defaultPriceBook, { model: undefined, usage: {} }, { at })).toEqual({
      kind: 'unbilled',
    });
    expect(priceOperation(defaultPriceBook, { model: 'openai/gpt-oss-20b', usage: {} }, { at })).toEqual({
      kind: 'unbilled',
    });
  });

  it('gives an unknown price for billable usage without a model or on an unknown one', () => {
    expect(priceOperation(defaultPriceBook, { model: undefined, usage: { inputTokens: 5 } }, { at })).toEqual(
      {
        kind: 'unknown',
      },
    );
    expect(
      priceOperation(defaultPriceBook, { model: 'acme/unknown', usage: { inputTokens: 5 } }, { at }),
    ).toEqual({ kind: 'unknown' });
  });

  it('keeps the lines of every breakdown model and of the tools, and their exact total', () => {
    const price = priceOperation(
      defaultPriceBook,
      {
        model: 'groq/compound',
        usage: { inputTokens: 2_000_000, outputTokens: 2_000_000, toolCalls: { web_search: 1000 } },
        usageBreakdown: [
          { model: 'openai/gpt-oss-120b', usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } },
          { model: 'openai/gpt-oss-20b', usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } },
        ],
      },
      { at },
    );
    if (price.kind !== 'known') throw new Error(`expected a known price, got ${price.kind}`);
    expect(price.lines.map((line) => [line.component, line.tool, line.quantity])).toEqual([
      ['input', undefined, 1_000_000],
      ['output', undefined, 1_000_000],
      ['input', undefined, 1_000_000],
      ['output', undefined, 1_000_000],
      ['tool', 'web_search', 1000],
    ]);
    // Input $0.15 (120b) + $0.075 (20b), output $0.60 + $0.30, tools $5 per 1K web searches.
    expect(
      costByComponent(price.lines).map(({ component, amount }) => [component, formatUsd(amount, 9)]),
    ).toEqual([
      ['input', '0.225000000'],
      ['output', '0.900000000'],
      ['tool', '5.000000000'],
    ]);
    expect(formatUsd(price.total, 9)).toBe('6.125000000');
  });

  it("gives one cost per component of a plain usage, each its line's amount", () => {
    const price = priceOperation(
      defaultPriceBook,
      {
        model: 'openai/gpt-oss-20b',
        usage: { inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 10 },
      },
      { at },
    );
    if (price.kind !== 'known') throw new Error(`expected a known price, got ${price.kind}`);
    expect(
      costByComponent(price.lines).map(({ component, amount }) => [component, formatUsd(amount, 9)]),
    ).toEqual([
      ['input', '0.060000000'],
      ['cached_input', '0.007500000'],
      ['output', '0.000003000'],
    ]);
  });

  it('does not price the compound id when the breakdown has no tools to add', () => {
    const price = priceOperation(
      defaultPriceBook,
      {
        model: 'groq/compound',
        usage: { inputTokens: 10 },
        usageBreakdown: [{ model: 'openai/gpt-oss-20b', usage: { inputTokens: 10 } }],
      },
      { at },
    );
    expect(price.kind === 'known' ? price.lines.map((line) => line.component) : price.kind).toEqual([
      'input',
    ]);
  });
});
