import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { ledgerEntry } from './entries.js';
import { postgresTarget, sqliteTarget } from './ledger-targets.js';
import { gptOss120bChat, whisperTranscription } from './november-workload.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `groqmeter-ledger` as a user would. */
async function cli(...argv: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...argv], {
      env: { PATH: process.env.PATH },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** Four November operations and one in December, over three features. */
const ROWS = [
  ledgerEntry({ userId: 'u-1', feature: 'search', startTime: new Date('2026-11-02T09:00:00Z') }),
  ledgerEntry({ userId: 'u-1', feature: 'search', startTime: new Date('2026-11-30T23:59:59Z') }),
  gptOss120bChat({ userId: 'u-2', feature: 'chat', startTime: new Date('2026-11-03T00:00:00Z') }),
  whisperTranscription({
    userId: 'u-3',
    feature: 'voice, "beta"',
    startTime: new Date('2026-11-05T12:00:00Z'),
  }),
  ledgerEntry({ userId: 'u-1', feature: 'search', startTime: new Date('2026-12-01T00:00:00Z') }),
];

const NOVEMBER = ['--from', '2026-11-01', '--to', '2026-11-30'];

describe.each([sqliteTarget, postgresTarget])('groqmeter-ledger', (makeTarget) => {
  const target = makeTarget();
  let db: string;

  beforeAll(async () => {
    db = await target.newDatabase();
    const ledger = await openLedger({ db });
    for (const row of ROWS) ledger.record(row);
    await ledger.close();
  });
  afterAll(() => target.cleanup());

  it(`${target.name}: spend by feature as a table`, async () => {
    expect(await cli('--db', db, '--by', 'feature', ...NOVEMBER)).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Spend by feature, 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z (3 features)',
        '',
        'feature        operations  input tokens  output tokens   cost (USD)  unpriced  baseline (USD)',
        'voice, "beta"           1             0              0  0.000925000         0     0.003000000',
        'chat                    1          1000            100  0.000172500         0     0.002875000',
        'search                  2           200             20  0.000021000         0     0.000700000',
        'total                   4          1200            120  0.001118500         0     0.006575000',
        '',
      ].join('\n'),
    });
  });

  it(`${target.name}: top user as CSV, re-priced on gpt-4.1-mini`, async () => {
    expect(
      await cli(`--db=${db}`, '--by=user', '--top=2', '--format=csv', '--baseline=gpt-4.1-mini', ...NOVEMBER),
    ).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'user,operations,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost_usd,unpriced_operations,usage_missing_operations,partial_operations,partial_cost_usd,stale_operations,stale_cost_usd,baseline_model,baseline_cost_usd,baseline_unpriced_operations',
        'u-3,1,0,0,0,0,0.000925000000,0,0,0,0.000000000000,0,0.000000000000,gpt-4.1-mini,0.000000000000,1',
        'u-2,1,1000,500,100,40,0.000172500000,0,0,0,0.000000000000,0,0.000000000000,gpt-4.1-mini,0.000410000000,0',
        '',
      ].join('\n'),
    });
  });

  it(`${target.name}: spend by day as JSON`, async () => {
    const { code, stdout } = await cli('--db', db, '--by', 'day', '--format', 'json', ...NOVEMBER);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.rows.map((row: { key: string; costQuanta: string }) => [row.key, row.costQuanta])).toEqual([
      ['2026-11-02', '37800000000000'],
      ['2026-11-03', '621000000000000'],
      ['2026-11-05', '3330000000000000'],
      ['2026-11-30', '37800000000000'],
    ]);
    expect([report.by, report.from, report.to, report.total.costUsd]).toEqual([
      'day',
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '0.001118500000',
    ]);
  });

  it(`${target.name}: an unknown baseline model is a usage error`, async () => {
    expect(await cli('--db', db, '--baseline', 'gpt-9', ...NOVEMBER)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'groqmeter-ledger: unknown baseline model "gpt-9": it is not in the price catalogue; use a catalogue id such as gpt-4o or gpt-4.1-mini, or add the model to your price book\n',
    });
  });
});

describe('groqmeter-ledger failures', () => {
  it('prints its help', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^groqmeter-ledger: spend from a groqmeter usage ledger\n\nUsage: groqmeter-ledger --db DATABASE/,
    );
  });

  it('a bad command line exits with 2', async () => {
    expect(await cli('--db', 'sqlite:x.db', '--by', 'country')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'groqmeter-ledger: --by "country" is not one of user, feature, platform, tenant, function_name, provider, model, operation, operation_type, day\n',
    });
  });

  it('a ledger that is not there exits with 1, without creating it', async () => {
    const { code, stderr } = await cli('--db', 'sqlite:/nonexistent/ledger.db');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'groqmeter-ledger: cannot open the SQLite ledger sqlite:/nonexistent/ledger.db: Cannot open database because the directory does not exist; expected an existing ledger file (an app with openLedger creates it). Pass another path, e.g. --db sqlite:./groq-ledger.db\n',
    );
  });

  it('an unreachable server exits with 1 and never prints the password', async () => {
    const { code, stderr } = await cli('--db', 'postgres://ledger:hunter2@127.0.0.1:1/ledger');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'groqmeter-ledger: cannot open the PostgreSQL ledger postgres://ledger@127.0.0.1:1/ledger: connect ECONNREFUSED 127.0.0.1:1; expected a reachable server and a database this user may create tables in (postgres://USER:PASSWORD@HOST:PORT/DATABASE)\n',
    );
  });
});
