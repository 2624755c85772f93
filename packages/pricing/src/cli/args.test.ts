import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from './args.js';

describe('parseCliArgs', () => {
  it('reads every usage flag into a Usage', () => {
    expect(
      parseCliArgs([
        ...['--model', 'openai/gpt-oss-120b', '--input', '100', '--cached', '40', '--output', '20'],
        ...['--reasoning', '5', '--audio-seconds', '12.5', '--characters', '7', '--tool', 'web_search=2'],
        ...['--tool', 'code_execution=1.5s', '--batch', '--service-tier', 'flex', '--at', '2026-11-01'],
        ...['--baseline', 'gpt-4o', '--price-file', 'a.yaml', '--price-file', 'b.json', '--json'],
      ]),
    ).toEqual({
      kind: 'price',
      model: 'openai/gpt-oss-120b',
      usage: {
        inputTokens: 100,
        cachedInputTokens: 40,
        outputTokens: 20,
        reasoningTokens: 5,
        audioSeconds: 12.5,
        characters: 7,
        toolCalls: { web_search: 2 },
        toolSeconds: { code_execution: 1.5 },
      },
      batch: true,
      serviceTier: 'flex',
      at: new Date('2026-11-01T00:00:00Z'),
      baseline: 'gpt-4o',
      json: true,
      priceFiles: ['a.yaml', 'b.json'],
    });
  });

  it('reads --list and --help before anything else', () => {
    expect(parseCliArgs(['--list', '--json'])).toEqual({ kind: 'list', json: true, priceFiles: [] });
    expect(parseCliArgs(['-h', '--model', 'x'])).toEqual({ kind: 'help' });
  });

  it.each([
    [
      ['--model', 'x', '--tool', 'web_search=1', '--tool', 'web_search=2'],
      '--tool web_search is given more than once',
    ],
    [
      ['--model', 'x', '--audio-seconds', '1e3'],
      '--audio-seconds expects seconds such as 12 or 3.25, got "1e3"',
    ],
    [
      ['--model', 'x', '--characters', '99999999999999999'],
      '--characters expects a whole number ≥ 0, got "99999999999999999"',
    ],
    [
      ['--model', 'x', '--at', '2026-11-01T10:00:00'],
      '--at expects an ISO date (2026-08-15) or a date-time with a zone (2026-08-15T12:00:00Z), got "2026-11-01T10:00:00"',
    ],
    [
      ['--model', 'x', 'extra'],
      `Unexpected argument 'extra'. This command does not take positional arguments`,
    ],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(new CliUsageError(message));
  });
});
