import { createPriceBook, defaultPriceBook, parseUsd, type Usage } from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import { exactCost, type SpanCost } from './exact-cost.js';

const AT = new Date('2026-11-19T06:00:00Z');
const PRICING = { priceBook: defaultPriceBook, baselines: {} };

function chat(usage: Usage, fields: Partial<SpanCost> = {}): SpanCost {
  return {
    operation: 'chat',
    requestModel: 'openai/gpt-oss-20b',
    responseModel: 'openai/gpt-oss-20b',
    usage,
    serviceTier: null,
    batch: false,
    at: AT,
    provider: 'groq',
    costUsd: null,
    costQuanta: null,
    baselineUsd: null,
    baselineQuanta: null,
    baselineModel: null,
    ...fields,
  };
}

describe('exactCost', () => {
  it('re-prices token usage to the exact quanta the recorder charged', () => {
    const usage = { inputTokens: 3, outputTokens: 7 };
    // 3 × 270e9 + 7 × 1080e9 = 8 370e9 quanta = $0.000002325
    expect(exactCost(chat(usage, { costUsd: parseUsd('0.000002325000') }), PRICING)).toEqual({
      costQuanta: 8_370_000_000_000n,
      costExact: true,
      baselineModel: null,
      baselineCostQuanta: null,
    });
  });

  it('re-prices a batch request at the batch discount', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    // gpt-oss-20b batch: 50 % off $0.075 + $0.30
    expect(
      exactCost(chat(usage, { batch: true, costUsd: parseUsd('0.187500000000') }), PRICING),
    ).toMatchObject({
      costQuanta: 675_000_000_000_000_000n,
      costExact: true,
    });
  });

  it('keeps the rounded span amount, marked inexact, when the span lacks the usage that was billed', () => {
    // 12.5 s on whisper-large-v3-turbo is exactly 5e14 quanta ($0.000138888…), but the span has no audio seconds.
    const transcription = chat(
      {},
      {
        operation: 'transcription',
        requestModel: 'whisper-large-v3-turbo',
        responseModel: null,
        costUsd: parseUsd('0.000138888889'),
        baselineUsd: parseUsd('0.001250000000'),
      },
    );
    expect(exactCost(transcription, PRICING)).toEqual({
      costQuanta: 500_000_000_400_000n,
      costExact: false,
      baselineModel: null,
      baselineCostQuanta: 4_500_000_000_000_000n,
    });
    expect(exactCost({ ...transcription, usage: { audioSeconds: 12.5 } }, PRICING)).toEqual({
      costQuanta: 500_000_000_000_000n,
      costExact: true,
      baselineModel: 'whisper-1',
      baselineCostQuanta: 4_500_000_000_000_000n,
    });
  });

  it('does not trust a re-price that disagrees with the span (the app used other prices)', () => {
    const negotiated = createPriceBook({
      overrides: {
        models: [
          {
            id: 'openai/gpt-oss-20b',
            provider: 'groq',
            effectiveFrom: '2025-01-01',
            prices: {
              input: { usd: '0.05', per: '1M tokens', source: 'contract', date: '2026-01-01' },
              output: { usd: '0.20', per: '1M tokens', source: 'contract', date: '2026-01-01' },
            },
          },
        ],
      },
    });
    const usage = { inputTokens: 3, outputTokens: 7 };
    const span = chat(usage, { costUsd: parseUsd('0.000001550000') });
    expect(exactCost(span, PRICING)).toMatchObject({ costQuanta: 5_580_000_000_000n, costExact: false });
    // 3 × 180e9 + 7 × 720e9 with the app's price book
    expect(exactCost(span, { priceBook: negotiated, baselines: {} })).toMatchObject({
      costQuanta: 5_580_000_000_000n,
      costExact: true,
    });
  });

  it('prefers exact quanta and a baseline model from the span', () => {
    expect(
      exactCost(
        chat(
          {},
          {
            costUsd: parseUsd('0.000000000001'),
            costQuanta: 3_600_001n,
            baselineUsd: parseUsd('0.000000000002'),
            baselineQuanta: 7_200_002n,
            baselineModel: 'gpt-4.1',
          },
        ),
        PRICING,
      ),
    ).toEqual({
      costQuanta: 3_600_001n,
      costExact: true,
      baselineModel: 'gpt-4.1',
      baselineCostQuanta: 7_200_002n,
    });
  });

  it('finds the baseline model the app configured', () => {
    const usage = { inputTokens: 1000, outputTokens: 100 };
    // gpt-4.1-mini: 1000 × 1 440e9 + 100 × 5 760e9 = 2 016e12 quanta = $0.00056
    const span = chat(usage, {
      costUsd: parseUsd('0.000105000000'),
      baselineUsd: parseUsd('0.000560000000'),
    });
    expect(
      exactCost(span, { priceBook: defaultPriceBook, baselines: { chat: 'gpt-4.1-mini' } }),
    ).toMatchObject({
      baselineModel: 'gpt-4.1-mini',
      baselineCostQuanta: 2_016_000_000_000_000n,
    });
    expect(exactCost(span, PRICING)).toMatchObject({
      baselineModel: null,
      baselineCostQuanta: 2_016_000_000_000_000n,
    });
  });
});
