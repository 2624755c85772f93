import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUsd as usd } from './money.js';
import { createPriceBook } from './price-book.js';
import { loadPriceFile, parsePriceFile } from './price-file.js';

const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'groqmeter-price-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeScratch(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('loadPriceFile', () => {
  it('reads the same price file from YAML and JSON', () => {
    const yaml = loadPriceFile(join(fixtures, 'negotiated-rates.yaml'));
    const { $schema, ...json } = loadPriceFile(join(fixtures, 'negotiated-rates.json'));
    expect($schema).toBe('../../price-file.schema.json');
    expect(yaml).toEqual(json);
    expect(yaml.models.map((model) => model.id)).toEqual([
      'openai/gpt-oss-120b',
      'acme/support-bot-v3',
      'acme/dictation',
    ]);
  });

  it('prices with the loaded rates', () => {
    const book = createPriceBook({ overrides: loadPriceFile(join(fixtures, 'negotiated-rates.yaml')) });
    const at = new Date('2026-11-01T00:00:00Z');
    // uncached 600,000 × 0.12 / 1M = 0.072; cached 400,000 × 0.06 / 1M = 0.024; output 100,000 × 0.48 / 1M = 0.048
    expect(
      book.price(
        'openai/gpt-oss-120b',
        { inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 100_000 },
        { at, serviceTier: 'performance' },
      ),
    ).toMatchObject({ known: true, total: usd('0.144') });
    // the history period: 1M × 0.15 / 1M = 0.15
    expect(
      book.price('openai/gpt-oss-120b', { inputTokens: 1_000_000 }, { at: new Date('2025-12-31T00:00:00Z') }),
    ).toMatchObject({
      known: true,
      total: usd('0.15'),
    });
    // alias; 1M × 0.80 / 1M = 0.80
    expect(book.price('acme/support-bot', { outputTokens: 1_000_000 }, { at })).toMatchObject({
      model: 'acme/support-bot-v3',
      total: usd('0.80'),
    });
    // minimum 2.5 s: 2,500 ms × 0.05 / 3,600,000 ms, flagged unconfirmed
    expect(book.price('acme/dictation', { audioSeconds: 1 }, { at })).toMatchObject({
      lines: [
        {
          component: 'audio',
          quantity: 2.5,
          unit: 'second',
          amount: (usd('0.05') * 2_500n) / 3_600_000n,
          unconfirmed: true,
        },
      ],
    });
  });

  it('fills sources and dates when the file leaves them out', () => {
    const book = createPriceBook({ overrides: loadPriceFile(join(fixtures, 'negotiated-rates.json')) });
    expect(book.resolve('acme/support-bot-v3')).toEqual({
      id: 'acme/support-bot-v3',
      provider: 'groq',
      aliases: ['acme/support-bot'],
      effectiveFrom: '1970-01-01',
      prices: {
        input: { usd: '0.20', per: '1M tokens', source: 'price file', date: '1970-01-01' },
        output: { usd: '0.80', per: '1M tokens', source: 'price file', date: '1970-01-01' },
      },
      notes: ['LoRA on gpt-oss-20b, billed by our contract'],
    });
  });
});

/** Bad files, each with the exact message a user sees. `FILE` stands for the file's path. */
const badFiles: [name: string, text: string, message: string][] = [
  ['syntax.json', '{"models": [', 'FILE: expected valid JSON: Unexpected end of JSON input'],
  [
    'syntax.yaml',
    'models:\n  - id: x\n   provider: groq\n',
    'FILE: expected valid YAML: Sequence item without - indicator at line 3, column 1:\n\n  - id: x\n   provider: groq\n^',
  ],
  [
    'duplicate-key.yaml',
    'models:\n  - id: x\n    id: y\n',
    'FILE: expected valid YAML: Map keys must be unique at line 3, column 5:\n\n  - id: x\n    id: y\n    ^',
  ],
  ['top-level-array.json', '[]', 'FILE: expected an object with a "models" array, got an array'],
  ['no-models.yaml', 'model: []\n', 'FILE: model: unexpected key; expected only $schema, models'],
  ['models-not-array.json', '{"models": {}}', 'FILE: models: expected an array of models, got an object'],
  [
    'usd-number.yaml',
    'models:\n  - id: m\n    provider: groq\n    prices:\n      input: { usd: 0.075, per: 1M tokens }\n',
    'FILE: models[0].prices.input.usd: expected a decimal string of USD such as "0.075" (quote the number so no digit is lost), got the number 0.075',
  ],
  [
    'usd-number.json',
    '{"models": [{"id": "m", "provider": "groq", "prices": {"input": {"usd": 0.075, "per": "1M tokens"}}}]}',
    'FILE: models[0].prices.input.usd: expected a decimal string of USD such as "0.075" (quote the number so no digit is lost), got the number 0.075',
  ],
  [
    'usd-text.yaml',
    'models:\n  - id: m\n    provider: groq\n    prices:\n      output: { usd: "$0.60", per: 1M tokens }\n',
    'FILE: models[0].prices.output.usd: expected a decimal string of USD such as "0.075", got the string "$0.60"',
  ],
  [
    'unknown-unit.yaml',
    'models:\n  - id: m\n    provider: groq\n    prices:\n      input: { usd: "0.1", per: 1M tok }\n',
    'FILE: models[0].prices.input.per: expected one of "1M tokens", "1K tokens", "token", got the string "1M tok"',
  ],
  [
    'unit-for-another-key.json',
    '{"models": [{"id": "w", "provider": "groq", "prices": {"audio": {"usd": "0.111", "per": "1M tokens"}}}]}',
    'FILE: models[0].prices.audio.per: expected one of "hour", "minute", "second", got the string "1M tokens"',
  ],
  [
    'too-precise.yaml',
    'models:\n  - id: m\n    provider: groq\n    prices:\n      audio: { usd: "0.0000000000001", per: hour }\n',
    'FILE: models[0].prices.audio.usd: expected a price the money quantum holds exactly (1 USD = 3.6e18 quanta: up to 9 decimals always fit), got the string "0.0000000000001"',
  ],
  [
    // 1e-17 USD per token is 36 quanta, exact; 33% off makes it 24.12 quanta, which is not
    'too-precise-after-batch.json',
    '{"models": [{"id": "m", "provider": "groq", "batch": {"percentOff": 33}, "prices": {"input": {"usd": "0.00000000000000001", "per": "token"}}}]}',
    'FILE: models[0].prices.input.usd: expected a price the money quantum holds exactly (1 USD = 3.6e18 quanta: up to 9 decimals always fit), got the string "0.00000000000000001"',
  ],
  [
    'unknown-model-key.yaml',
    'models:\n  - id: m\n    provider: groq\n    inputPrice: "0.1"\n    prices: {}\n',
    'FILE: models[0].inputPrice: unexpected key; expected only id, provider, aliases, effectiveFrom, retiredOn, prices, history, batch, serviceTierDiscounts, serviceTiers, audioMinimumSeconds, notes',
  ],
  [
    'unknown-price-key.json',
    '{"models": [{"id": "m", "provider": "groq", "prices": {"reasoning": {"usd": "1", "per": "1M tokens"}}}]}',
    'FILE: models[0].prices.reasoning: unexpected price key; expected input, cached_input, output, audio_input, audio_output, audio, speech or tool:<id> (lower case, e.g. tool:web_search)',
  ],
  [
    'upper-case-tool.yaml',
    'models:\n  - id: m\n    provider: groq\n    prices:\n      tool:Web_Search: { usd: "5", per: 1K calls }\n',
    'FILE: models[0].prices.tool:Web_Search: unexpected price key; expected input, cached_input, output, audio_input, audio_output, audio, speech or tool:<id> (lower case, e.g. tool:web_search)',
  ],
  [
    'missing-provider.yaml',
    'models:\n  - id: m\n    prices: {}\n',
    'FILE: models[0].provider: expected a non-empty string, got nothing',
  ],
  [
    'id-with-space.json',
    '{"models": [{"id": "gpt 4o", "provider": "openai", "prices": {}}]}',
    'FILE: models[0].id: expected a model id: a non-empty string without spaces, got the string "gpt 4o"',
  ],
  [
    'bad-date.yaml',
    'models:\n  - id: m\n    provider: groq\n    effectiveFrom: 2026-02-30\n    prices: {}\n',
    'FILE: models[0].effectiveFrom: expected a date written YYYY-MM-DD, such as "2026-08-16", got the string "2026-02-30"',
  ],
  [
    'retired-before-start.yaml',
    'models:\n  - id: m\n    provider: groq\n    effectiveFrom: 2026-02-01\n    retiredOn: 2026-01-01\n    prices: {}\n',
    'FILE: models[0].retiredOn: expected a date after effectiveFrom (2026-02-01), got the string "2026-01-01"',
  ],
  [
    'history-without-start.yaml',
    'models:\n  - id: m\n    provider: groq\n    prices: {}\n    history: []\n',
    'FILE: models[0].effectiveFrom: expected a date when the model has a history, got nothing',
  ],
  [
    'history-after-start.yaml',
    'models:\n  - id: m\n    provider: groq\n    effectiveFrom: 2026-01-01\n    prices: {}\n    history:\n      - effectiveFrom: 2026-03-01\n        prices: {}\n',
    `FILE: models[0].history[0].effectiveFrom: expected a date before the model's effectiveFrom (2026-01-01), got the string "2026-03-01"`,
  ],
  [
    'history-out-of-order.yaml',
    'models:\n  - id: m\n    provider: groq\n    effectiveFrom: 2026-01-01\n    prices: {}\n    history:\n      - { effectiveFrom: 2025-06-01, prices: {} }\n      - { effectiveFrom: 2025-05-01, prices: {} }\n',
    `FILE: models[0].history[1].effectiveFrom: expected a date after the previous period's (2025-06-01), got the string "2025-05-01"`,
  ],
  [
    'batch-percent.json',
    '{"models": [{"id": "m", "provider": "groq", "batch": {"percentOff": 150}, "prices": {}}]}',
    'FILE: models[0].batch.percentOff: expected a whole number from 0 to 100, got the number 150',
  ],
  [
    'audio-minimum.yaml',
    'models:\n  - id: m\n    provider: groq\n    audioMinimumSeconds: 0.0005\n    prices: {}\n',
    'FILE: models[0].audioMinimumSeconds: expected a number of seconds ≥ 0 with at most 3 decimals, got the number 0.0005',
  ],
  [
    'unconfirmed-text.yaml',
    'models:\n  - id: m\n    provider: groq\n    prices:\n      input: { usd: "1", per: 1M tokens, unconfirmed: "yes" }\n',
    'FILE: models[0].prices.input.unconfirmed: expected true or false, got the string "yes"',
  ],
  [
    'source-date.yaml',
    'models:\n  - id: m\n    provider: groq\n    prices:\n      input: { usd: "1", per: 1M tokens, date: last week }\n',
    'FILE: models[0].prices.input.date: expected a date written YYYY-MM-DD, YYYY-MM or YYYY, got the string "last week"',
  ],
  [
    'duplicate-id.json',
    '{"models": [{"id": "m", "provider": "groq", "prices": {}}, {"id": "m", "provider": "groq", "prices": {}}]}',
    'FILE: models[1].id: expected an id or alias not used before (models[0].id is the same), got the string "m"',
  ],
  [
    'alias-clash.yaml',
    'models:\n  - { id: a, provider: groq, prices: {} }\n  - { id: b, provider: groq, aliases: [c, a], prices: {} }\n',
    'FILE: models[1].aliases[1]: expected an id or alias not used before (models[0].id is the same), got the string "a"',
  ],
  ['prices.txt', 'models: []', 'FILE: expected a file name ending in .json, .yaml or .yml'],
];

describe('bad price files', () => {
  it.each(badFiles)('%s', (name, text, message) => {
    const path = writeScratch(name, text);
    expect(() => loadPriceFile(path)).toThrow(
      expect.objectContaining({ name: 'PriceFileError', message: message.replace('FILE', path) }),
    );
  });

  it('names a missing file', () => {
    const path = join(scratch, 'missing.yaml');
    expect(() => loadPriceFile(path)).toThrow(
      `${path}: cannot be read (ENOENT: no such file or directory, open '${path}'); expected a readable price file`,
    );
  });

  it('carries the file and the path inside it', () => {
    const path = writeScratch(
      'fields.json',
      '{"models": [{"id": "m", "provider": "groq", "prices": {"input": {"usd": 1}}}]}',
    );
    expect(() => loadPriceFile(path)).toThrow(
      expect.objectContaining({ name: 'PriceFileError', file: path, path: 'models[0].prices.input.usd' }),
    );
  });

  it('says "price file" when data comes without a file name', () => {
    expect(() => parsePriceFile({ models: [{ id: 'm' }] })).toThrow(
      'price file: models[0].provider: expected a non-empty string, got nothing',
    );
  });
});
