import { describe, expect, it } from 'vitest';
import { ENV_LEDGER_DB, parseCliArguments, parseDate, UsageError } from './cli-arguments.js';

const NOW = new Date('2026-11-21T15:30:00Z');

describe('parseCliArguments', () => {
  it('defaults: by user, this month (UTC) until now, a table, --db from the environment', () => {
    expect(parseCliArguments([], { [ENV_LEDGER_DB]: 'sqlite:ledger.db' }, NOW)).toEqual({
      db: 'sqlite:ledger.db',
      format: 'table',
      query: {
        by: 'user',
        from: new Date('2026-11-01T00:00:00Z'),
        to: NOW,
        top: undefined,
        baselineModel: undefined,
      },
    });
  });

  it('reads every flag; a bare --to date includes that day', () => {
    const argv = [
      '--db=postgres://ledger@db:5432/ledger',
      '--by',
      'day',
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--top',
      '5',
      '--format',
      'csv',
      '--baseline',
      'gpt-4o',
    ];
    expect(parseCliArguments(argv, { [ENV_LEDGER_DB]: 'sqlite:ignored.db' }, NOW)).toEqual({
      db: 'postgres://ledger@db:5432/ledger',
      format: 'csv',
      query: {
        by: 'day',
        from: new Date('2026-10-01T00:00:00Z'),
        to: new Date('2026-11-01T00:00:00Z'),
        top: 5,
        baselineModel: 'gpt-4o',
      },
    });
  });

  it('returns nothing for --help', () => {
    expect(parseCliArguments(['--help'], {}, NOW)).toBeUndefined();
  });

  it.each([
    [[], '--db is required (or set GROQMETER_LEDGER_DB), e.g. --db sqlite:./groq-ledger.db'],
    [
      ['--db', 'x.db', '--by', 'country'],
      '--by "country" is not one of user, feature, platform, tenant, function_name, provider, model, operation, operation_type, day',
    ],
    [['--db', 'x.db', '--format', 'xml'], '--format "xml" is not one of table, csv, json'],
    [['--db', 'x.db', '--top', '0'], '--top must be a whole number of at least 1, got "0"'],
    [['--db', 'x.db', '--top', '2.5'], '--top must be a whole number of at least 1, got "2.5"'],
    [
      ['--db', 'x.db', '--from', '2026-11-10', '--to', '2026-11-09'],
      '--from (2026-11-10T00:00:00.000Z) must be before --to (2026-11-10T00:00:00.000Z)',
    ],
    [['--db', 'x.db', '--user', 'u-1'], "Unknown option '--user'; see --help"],
    [
      ['--db', 'x.db', 'users'],
      "Unexpected argument 'users'. This command does not take positional arguments; see --help",
    ],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArguments(argv, {}, NOW)).toThrow(new UsageError(message));
  });
});

describe('parseDate', () => {
  it.each([
    ['--from', '2026-02-28', '2026-02-28T00:00:00.000Z'],
    ['--to', '2026-02-28', '2026-03-01T00:00:00.000Z'],
    ['--from', '2026-11-01T08:00:00Z', '2026-11-01T08:00:00.000Z'],
    ['--to', '2026-11-01T08:00:00.250+01:00', '2026-11-01T07:00:00.250Z'],
  ] as const)('%s %s is %s', (flag, text, iso) => {
    expect(parseDate(flag, text).toISOString()).toBe(iso);
  });

  it.each(['2026-02-30', '2026-11-01T08:00:00', 'yesterday', '1700000000'])('refuses %j', (text) => {
    expect(() => parseDate('--from', text)).toThrow(
      new UsageError(
        `--from ${JSON.stringify(text)} is not a date; expected YYYY-MM-DD or an ISO-8601 time with a zone such as 2026-11-01T00:00:00Z`,
      ),
    );
  });
});
