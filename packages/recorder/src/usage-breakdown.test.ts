import { describe, expect, it } from 'vitest';
import { WIRE_USAGE, WIRE_USAGE_FACTS } from '../test/fixtures.js';
import { readUsageBreakdown } from './usage-breakdown.js';

describe('readUsageBreakdown', () => {
  it('reads one entry per model of a compound system, in order', () => {
    expect(
      readUsageBreakdown({
        models: [
          { model: 'openai/gpt-oss-120b', usage: WIRE_USAGE },
          { model: 'openai/gpt-oss-20b', usage: { prompt_tokens: 800, completion_tokens: 50 } },
        ],
      }),
    ).toEqual([
      { model: 'openai/gpt-oss-120b', usage: WIRE_USAGE_FACTS },
      { model: 'openai/gpt-oss-20b', usage: { inputTokens: 800, outputTokens: 50 } },
    ]);
  });

  it('gives undefined without a breakdown, or with an empty one', () => {
    expect(readUsageBreakdown(undefined)).toBeUndefined();
    expect(readUsageBreakdown(null)).toBeUndefined();
    expect(readUsageBreakdown({ models: [] })).toBeUndefined();
    expect(readUsageBreakdown({ models: 'openai/gpt-oss-120b' })).toBeUndefined();
  });

  it('gives undefined when any entry lacks a model or token counts, rather than price part of it', () => {
    const complete = { model: 'openai/gpt-oss-120b', usage: { prompt_tokens: 5, completion_tokens: 1 } };
    expect(readUsageBreakdown({ models: [complete, { usage: complete.usage }] })).toBeUndefined();
    expect(readUsageBreakdown({ models: [complete, { model: 'x', usage: {} }] })).toBeUndefined();
    expect(readUsageBreakdown({ models: [complete, null] })).toBeUndefined();
  });
});
