import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageDir, testCli } from './test-build.js';

const fixtures = join(packageDir, 'test', 'fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'groqmeter-price-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [testCli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ADD_A_PRICE =
  'add it in a price file (see the @groqmeter/pricing README, "Price files") and load it with createPriceBook({ overrides: loadPriceFile(path) }) or groqmeter-price --price-file';

describe('groqmeter-price --model', () => {
  it('prints one JSON object with total_usd and each component as decimal strings', () => {
    const { code, stdout, stderr } = run(
      ...['--model', 'openai/gpt-oss-120b', '--input', '80000', '--cached', '20000', '--output', '5000'],
      ...['--reasoning', '1200', '--at', '2026-11-01', '--json'],
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // uncached 60,000 × 0.15 / 1M = 0.009; cached 20,000 × 0.075 / 1M = 0.0015; output 5,000 × 0.60 / 1M = 0.003
    expect(JSON.parse(stdout)).toEqual({
      requested_model: 'openai/gpt-oss-120b',
      model: 'openai/gpt-oss-120b',
      provider: 'groq',
      at: '2026-11-01T00:00:00.000Z',
      prices_effective_from: '2025-10-16',
      batch: false,
      components: [
        { component: 'input', quantity: 60000, unit: 'token', usd: '0.009000000' },
        { component: 'cached_input', quantity: 20000, unit: 'token', usd: '0.001500000' },
        { component: 'output', quantity: 5000, unit: 'token', usd: '0.003000000' },
      ],
      total_usd: '0.013500000',
    });
  });

  it('prints a readable table, with the baseline and the saving', () => {
    const { code, stdout } = run(
      ...['--model', 'openai/gpt-oss-20b', '--input', '1000000', '--output', '250000'],
      ...['--at', '2026-11-01T12:00:00Z', '--baseline', 'gpt-4o'],
    );
    expect(code).toBe(0);
    // groq: 1M × 0.075 / 1M = 0.075, 250,000 × 0.30 / 1M = 0.075; gpt-4o: 1M × 2.50 / 1M = 2.5, 250,000 × 10 / 1M = 2.5
    expect(stdout).toBe(
      [
        'openai/gpt-oss-20b (groq)',
        'priced at 2026-11-01T12:00:00.000Z with the prices in force from 2025-10-16',
        '',
        'component   quantity  unit           USD',
        'input      1,000,000  token  0.075000000',
        'output       250,000  token  0.075000000',
        'total                        0.150000000',
        '',
        'baseline gpt-4o (openai), list prices',
        '',
        'component   quantity  unit           USD',
        'input      1,000,000  token  2.500000000',
        'output       250,000  token  2.500000000',
        'total                        5.000000000',
        '',
        'saved versus baseline: 4.850000000 USD',
        '',
      ].join('\n'),
    );
  });

  it('bills a short transcription 10 s', () => {
    const { stdout } = run(
      '--model',
      'whisper-large-v3',
      '--audio-seconds',
      '3.2',
      '--at',
      '2026-11-01',
      '--json',
    );
    // 10 s × 0.111 / 3600 s = 0.000308333… → 0.000308333
    expect(JSON.parse(stdout).components).toEqual([
      { component: 'audio', quantity: 10, unit: 'second', usd: '0.000308333' },
    ]);
  });

  it('prices built-in tools per call and by time', () => {
    const { stdout } = run(
      ...['--model', 'groq/compound', '--tool', 'web_search=3', '--tool', 'code_execution=90.5s'],
      ...['--tool', 'browser_automation=60s', '--at', '2026-11-01', '--json'],
    );
    // 3 × 5 / 1000 = 0.015; 90.5 s × 0.18 / 3600 s = 0.004525; 60 s × 0.08 / 3600 s = 0.001333…
    expect(JSON.parse(stdout)).toMatchObject({
      components: [
        { component: 'tool', tool: 'web_search', quantity: 3, unit: 'call', usd: '0.015000000' },
        { component: 'tool', tool: 'code_execution', quantity: 90.5, unit: 'second', usd: '0.004525000' },
        {
          component: 'tool',
          tool: 'browser_automation',
          quantity: 60,
          unit: 'second',
          usd: '0.001333333',
          unconfirmed: true,
        },
      ],
      total_usd: '0.020858333',
    });
  });

  it('applies batch and service tier', () => {
    const { stdout } = run(
      ...['--model', 'openai/gpt-oss-120b', '--input', '1000000', '--cached', '1000000', '--batch'],
      ...['--service-tier', 'flex', '--at', '2026-11-01', '--json'],
    );
    // batch: cached tokens at the batch input price, 1M × 0.075 / 1M = 0.075
    expect(JSON.parse(stdout)).toMatchObject({
      batch: true,
      service_tier: 'flex',
      components: [{ component: 'cached_input', quantity: 1000000, unit: 'token', usd: '0.075000000' }],
      total_usd: '0.075000000',
    });
  });

  it('marks unconfirmed prices in the table', () => {
    const { stdout } = run('--model', 'gemma2-9b-it', '--input', '1000', '--at', '2025-09-01');
    expect(stdout.split('\n').slice(3)).toEqual([
      'component  quantity  unit           USD',
      'input *       1,000  token  0.000200000',
      'total                       0.000200000',
      '',
      '* unconfirmed price: secondary sources only or sources that disagree (see --list --json)',
      '',
    ]);
  });

  it('exits 2 naming an unknown model and how to add a price', () => {
    expect(run('--model', 'acme/mystery', '--input', '10')).toEqual({
      code: 2,
      stdout: '',
      stderr: `groqmeter-price: unknown model "acme/mystery": it is not in the groqmeter price catalogue (ids match exactly, then declared aliases and groq/ or openai/ prefixes); ${ADD_A_PRICE}\n`,
    });
  });

  it('prices a retired model after its end date at its last prices, flagged stale', () => {
    const after = run(
      '--model',
      'llama-3.3-70b-versatile',
      '--input',
      '1000000',
      '--at',
      '2026-09-01',
      '--json',
    );
    expect(after.code).toBe(0);
    // 1M × $0.59 / 1M = $0.59, the price in force when it retired
    expect(JSON.parse(after.stdout)).toMatchObject({
      total_usd: '0.590000000',
      stale: { retired_on: '2026-08-16' },
    });
    const table = run('--model', 'llama-3.3-70b-versatile', '--input', '10', '--at', '2026-09-01');
    expect(table.stdout).toContain(
      'stale: retired on 2026-08-16, priced at its last known prices (Groq still served it)',
    );
    const before = run(
      '--model',
      'llama-3.3-70b-versatile',
      '--input',
      '1000000',
      '--at',
      '2026-08-01',
      '--json',
    );
    expect(JSON.parse(before.stdout).total_usd).toBe('0.590000000');
  });

  it('exits 2 for an unknown baseline', () => {
    expect(run('--model', 'openai/gpt-oss-20b', '--input', '10', '--baseline', 'gpt-9')).toMatchObject({
      code: 2,
      stderr: `groqmeter-price: baseline: unknown model "gpt-9": it is not in the groqmeter price catalogue (ids match exactly, then declared aliases and groq/ or openai/ prefixes); ${ADD_A_PRICE}\n`,
    });
  });

  it('uses the prices of --price-file', () => {
    const { stdout } = run(
      ...['--model', 'acme/support-bot', '--output', '1000000', '--at', '2026-11-01', '--json'],
      ...['--price-file', join(fixtures, 'negotiated-rates.yaml')],
    );
    // 1M × 0.80 / 1M = 0.80
    expect(JSON.parse(stdout)).toMatchObject({ model: 'acme/support-bot-v3', total_usd: '0.800000000' });
  });
});

describe('groqmeter-price input errors exit 1', () => {
  const badPriceFile = join(scratch, 'bad.yaml');
  writeFileSync(
    badPriceFile,
    'models:\n  - id: m\n    provider: groq\n    prices:\n      input: { usd: 0.1, per: 1M tokens }\n',
  );

  it.each([
    [
      ['--model', 'x', '--input=-5'],
      'groqmeter-price: --input expects a whole number ≥ 0, got "-5"; see groqmeter-price --help',
    ],
    [
      ['--model', 'x', '--output', '1.5'],
      'groqmeter-price: --output expects a whole number ≥ 0, got "1.5"; see groqmeter-price --help',
    ],
    [
      ['--model', 'x', '--frobnicate'],
      `groqmeter-price: Unknown option '--frobnicate'; see groqmeter-price --help`,
    ],
    [
      ['--input', '5'],
      'groqmeter-price: --model ID is required (or --list to see the catalogue); see groqmeter-price --help',
    ],
    [
      ['--model', 'x', '--at', 'yesterday'],
      'groqmeter-price: --at expects an ISO date (2026-08-15) or a date-time with a zone (2026-08-15T12:00:00Z), got "yesterday"; see groqmeter-price --help',
    ],
    [
      ['--model', 'x', '--tool', 'web_search'],
      'groqmeter-price: --tool expects NAME=COUNT for calls (web_search=3) or NAME=SECONDSs for time-billed tools (code_execution=90s), got "web_search"; see groqmeter-price --help',
    ],
    [
      ['--model', 'openai/gpt-oss-20b', '--input', '5', '--cached', '6'],
      'groqmeter-price: usage.cachedInputTokens (6) is more than usage.inputTokens (5): inputTokens counts all of them, cachedInputTokens included, as Groq reports it',
    ],
    [
      ['--list', '--price-file', badPriceFile],
      `groqmeter-price: ${badPriceFile}: models[0].prices.input.usd: expected a decimal string of USD such as "0.075" (quote the number so no digit is lost), got the number 0.1`,
    ],
  ])('%j', (args, message) => {
    expect(run(...args)).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
  });
});

describe('groqmeter-price --list', () => {
  it('prints the catalogue as a table, current prices first', () => {
    const { code, stdout } = run('--list');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 14)).toEqual([
      'model                                          provider  price                    USD      per            from        status',
      'openai/gpt-oss-120b                            groq      input                    0.15     1M tokens      2025-10-16',
      '                                                         cached_input             0.075    1M tokens',
      '                                                         output                   0.60     1M tokens',
      '                                                         tool:browser_search      5 *      1K calls',
      '                                                         tool:browser_open        1 *      1K calls',
      '                                                         tool:code_execution      0.18 *   hour',
      '                                                         batch                    50% off  tokens',
      '                                                         input                    0.15     1M tokens      2025-08-06  until 2025-10-16',
      '                                                         output                   0.75     1M tokens',
      '                                                         tool:browser_search      5 *      1K calls',
      '                                                         tool:browser_open        1 *      1K calls',
      '                                                         tool:code_execution      0.18 *   hour',
      'openai/gpt-oss-20b                             groq      input                    0.075    1M tokens      2025-10-16',
    ]);
    expect(lines).toContain(
      'whisper-large-v3                               groq      audio                    0.111    hour           2026-08-08',
    );
    expect(lines).toContain(
      'llama-3.3-70b-versatile                        groq      input                    0.59     1M tokens      2025-08-12  retired 2026-08-16',
    );
  });

  it('prints the catalogue as JSON in the price-file format, with overrides applied', () => {
    const { code, stdout } = run('--list', '--json', '--price-file', join(fixtures, 'negotiated-rates.json'));
    expect(code).toBe(0);
    const { models } = JSON.parse(stdout) as {
      models: { id: string; prices: Record<string, { usd: string }> }[];
    };
    expect(models).toHaveLength(55);
    expect(models.find((model) => model.id === 'openai/gpt-oss-120b')?.prices.input?.usd).toBe('0.12');
    expect(models.at(-1)?.id).toBe('acme/dictation');
  });
});

describe('groqmeter-price --help', () => {
  it('explains every flag and the exit codes', () => {
    const { code, stdout } = run('--help');
    expect(code).toBe(0);
    for (const flag of [
      '--model',
      '--input',
      '--cached',
      '--output',
      '--reasoning',
      '--audio-seconds',
      '--characters',
    ]) {
      expect(stdout).toContain(`  ${flag} `);
    }
    for (const flag of [
      '--tool',
      '--batch',
      '--service-tier',
      '--at',
      '--baseline',
      '--price-file',
      '--json',
      '--list',
    ]) {
      expect(stdout).toContain(`  ${flag}`);
    }
    expect(stdout).toContain(
      'Exit codes: 0 priced, 1 bad flags, price file or usage, 2 no price for the model or usage.',
    );
  });
});
