import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { groqPrices } from '../src/catalogue/groq.js';
import { openaiPrices } from '../src/catalogue/openai.js';
import { createPriceBook, defaultPriceBook } from '../src/price-book.js';
import { parsePriceFile } from '../src/price-file.js';
import { unitsForKey } from '../src/price-units.js';
import { packageDir } from './test-build.js';

const schema = JSON.parse(readFileSync(join(packageDir, 'price-file.schema.json'), 'utf8'));
const validator = new Validator(schema, '2020-12', false);
const AT = new Date('2026-11-01T00:00:00Z');

describe('the shipped catalogue', () => {
  it.each([
    ['groq', groqPrices],
    ['openai', openaiPrices],
  ])('%s is a valid price file', (_provider, prices) => {
    expect(parsePriceFile(prices, 'catalogue')).toEqual(prices);
    expect(validator.validate(prices).errors).toEqual([]);
  });

  it('lists these models, with their end dates', () => {
    expect(defaultPriceBook.models().map((model) => [model.id, model.retiredOn ?? 'current'])).toEqual([
      ['openai/gpt-oss-120b', 'current'],
      ['openai/gpt-oss-20b', 'current'],
      ['openai/gpt-oss-safeguard-20b', 'current'],
      ['qwen/qwen3.6-27b', 'current'],
      ['moonshotai/kimi-k2-instruct', '2026-04-15'],
      ['meta-llama/llama-prompt-guard-2-22m', 'current'],
      ['meta-llama/llama-prompt-guard-2-86m', 'current'],
      ['meta-llama/llama-guard-4-12b', 'current'],
      ['llama-3.1-8b-instant', '2026-08-16'],
      ['llama-3.3-70b-versatile', '2026-08-16'],
      ['meta-llama/llama-4-scout-17b-16e-instruct', '2026-07-17'],
      ['meta-llama/llama-4-maverick-17b-128e-instruct', '2026-03-09'],
      ['qwen/qwen3-32b', '2026-07-17'],
      ['deepseek-r1-distill-llama-70b', '2025-10-02'],
      ['gemma2-9b-it', '2025-10-08'],
      ['mixtral-8x7b-32768', '2025-03-20'],
      ['groq/compound', 'current'],
      ['groq/compound-mini', 'current'],
      ['whisper-large-v3', 'current'],
      ['whisper-large-v3-turbo', 'current'],
      ['distil-whisper-large-v3-en', '2025-08-23'],
      ['canopylabs/orpheus-v1-english', 'current'],
      ['canopylabs/orpheus-arabic-saudi', 'current'],
      ['playai-tts', '2025-12-31'],
      ['playai-tts-arabic', '2025-12-31'],
      ['gpt-5.5', 'current'],
      ['gpt-5.4', 'current'],
      ['gpt-5.4-mini', 'current'],
      ['gpt-5.4-nano', 'current'],
      ['gpt-5.2', 'current'],
      ['gpt-5.1', 'current'],
      ['gpt-5', 'current'],
      ['gpt-5-mini', 'current'],
      ['gpt-5-nano', 'current'],
      ['gpt-5-pro', 'current'],
      ['gpt-4.1', 'current'],
      ['gpt-4.1-mini', 'current'],
      ['gpt-4.1-nano', 'current'],
      ['gpt-4o', 'current'],
      ['gpt-4o-mini', 'current'],
      ['o3', 'current'],
      ['o4-mini', 'current'],
      ['o3-mini', 'current'],
      ['o3-pro', 'current'],
      ['o1', 'current'],
      ['text-embedding-3-small', 'current'],
      ['text-embedding-3-large', 'current'],
      ['whisper-1', 'current'],
      ['gpt-4o-transcribe', 'current'],
      ['gpt-4o-mini-transcribe', 'current'],
      ['gpt-4o-mini-tts', 'current'],
      ['tts-1', 'current'],
      ['tts-1-hd', 'current'],
    ]);
  });

  it('marks exactly the figures the sources leave unconfirmed', () => {
    const unconfirmed = defaultPriceBook.models().flatMap((model) =>
      [model, ...(model.history ?? [])].flatMap((period) =>
        Object.entries(period.prices)
          .filter(([, price]) => price.unconfirmed)
          .map(([key]) => `${model.id} ${period.effectiveFrom} ${key}`),
      ),
    );
    expect(unconfirmed).toEqual([
      'openai/gpt-oss-120b 2025-10-16 tool:browser_search',
      'openai/gpt-oss-120b 2025-10-16 tool:browser_open',
      'openai/gpt-oss-120b 2025-10-16 tool:code_execution',
      'openai/gpt-oss-120b 2025-08-06 tool:browser_search',
      'openai/gpt-oss-120b 2025-08-06 tool:browser_open',
      'openai/gpt-oss-120b 2025-08-06 tool:code_execution',
      'openai/gpt-oss-20b 2025-10-16 tool:browser_search',
      'openai/gpt-oss-20b 2025-10-16 tool:browser_open',
      'openai/gpt-oss-20b 2025-10-16 tool:code_execution',
      'openai/gpt-oss-20b 2025-08-06 tool:browser_search',
      'openai/gpt-oss-20b 2025-08-06 tool:browser_open',
      'openai/gpt-oss-20b 2025-08-06 tool:code_execution',
      'deepseek-r1-distill-llama-70b 2025-08-12 input',
      'deepseek-r1-distill-llama-70b 2025-08-12 output',
      'gemma2-9b-it 2025-08-12 input',
      'gemma2-9b-it 2025-08-12 output',
      'mixtral-8x7b-32768 1970-01-01 input',
      'mixtral-8x7b-32768 1970-01-01 output',
      'groq/compound 2026-09-14 tool:browser_automation',
      'groq/compound-mini 2026-09-14 tool:browser_automation',
    ]);
  });

  it('gives every price a unit, a source and a date', () => {
    for (const model of defaultPriceBook.models()) {
      for (const period of [model, ...(model.history ?? [])]) {
        for (const [key, price] of Object.entries(period.prices)) {
          expect(unitsForKey(key), `${model.id} ${key}`).toContain(price.per);
          expect(price.source.length, `${model.id} ${key} source`).toBeGreaterThan(10);
          expect(price.date, `${model.id} ${key} date`).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
        }
      }
    }
  });

  it('round-trips through its own listing as a price file', () => {
    const listing = JSON.parse(JSON.stringify({ models: defaultPriceBook.models() }));
    expect(validator.validate(listing).errors).toEqual([]);
    const copy = createPriceBook({ overrides: parsePriceFile(listing, 'listing.json') });
    expect(copy.models()).toEqual(defaultPriceBook.models());
    const usage = { inputTokens: 123_456, cachedInputTokens: 23_456, outputTokens: 7_890 };
    expect(copy.price('openai/gpt-oss-120b', usage, { at: AT })).toEqual(
      defaultPriceBook.price('openai/gpt-oss-120b', usage, { at: AT }),
    );
  });
});

describe('price-file.schema.json', () => {
  it('allows the units the validator allows, per price key', () => {
    const defs = schema.$defs;
    expect({
      token: defs.tokenPrice.properties.per.enum,
      audio: defs.audioPrice.properties.per.enum,
      speech: defs.speechPrice.properties.per.enum,
      tool: defs.toolPrice.properties.per.enum,
    }).toEqual({
      token: unitsForKey('input'),
      audio: unitsForKey('audio'),
      speech: unitsForKey('speech'),
      tool: unitsForKey('tool:web_search'),
    });
  });

  it('accepts the JSON fixture', () => {
    const fixture = JSON.parse(
      readFileSync(join(packageDir, 'test', 'fixtures', 'negotiated-rates.json'), 'utf8'),
    );
    expect(validator.validate(fixture).errors).toEqual([]);
  });

  it.each([
    [
      'a number as usd',
      { models: [{ id: 'm', provider: 'groq', prices: { input: { usd: 0.1, per: '1M tokens' } } }] },
    ],
    [
      'an unknown unit',
      { models: [{ id: 'm', provider: 'groq', prices: { input: { usd: '0.1', per: '1M tok' } } }] },
    ],
    [
      'an audio price per tokens',
      { models: [{ id: 'm', provider: 'groq', prices: { audio: { usd: '1', per: 'token' } } }] },
    ],
    [
      'an unknown price key',
      { models: [{ id: 'm', provider: 'groq', prices: { reasoning: { usd: '1', per: 'token' } } }] },
    ],
    ['an unknown model key', { models: [{ id: 'm', provider: 'groq', prices: {}, inputPrice: '1' }] }],
    ['a missing provider', { models: [{ id: 'm', prices: {} }] }],
    [
      'a batch over 100%',
      { models: [{ id: 'm', provider: 'groq', prices: {}, batch: { percentOff: 150 } }] },
    ],
    [
      'a date in another format',
      { models: [{ id: 'm', provider: 'groq', prices: {}, retiredOn: '16/08/2026' }] },
    ],
  ])('rejects %s, as parsePriceFile does', (_what, data) => {
    expect(validator.validate(data).valid).toBe(false);
    expect(() => parsePriceFile(data)).toThrow(/^price file: /);
  });
});
