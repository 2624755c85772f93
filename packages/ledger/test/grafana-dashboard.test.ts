import { sqlPanelQueries } from '@groqmeter/grafana';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_TABLE, openLedger } from '../src/index.js';
import { postgresTarget } from './ledger-targets.js';
import { NOVEMBER_WORKLOAD } from './november-workload.js';

/** The SQL of every panel of the ledger dashboard (`grafana/src/dashboards/ledger.ts`, generated to `grafana/dashboards/ledger.json`). */
const queries = sqlPanelQueries();

/** Grafana's PostgreSQL data source expands these macros into quoted RFC 3339 times. */
function withTimeRange(sql: string, from: string, to: string): string {
  return sql.replaceAll('$__timeFrom()', `'${from}'`).replaceAll('$__timeTo()', `'${to}'`);
}

/** What each panel's query returns for November of {@link NOVEMBER_WORKLOAD}, as node-postgres gives it (numeric and bigint as strings). */
const EXPECTED: Record<string, unknown[]> = {
  Spend: [{ spend: '0.001118500000' }],
  Operations: [{ operations: '6', unpriced: '1', errors: '1' }],
  // (0.00035 − 0.0000105) × 2 + (0.002875 − 0.0001725) + (0.003 − 0.000925)
  'Saved versus baseline': [{ saved: '0.005456500000' }],
  Users: [{ users: '3' }],
  'Top users by spend': [
    { user: 'u-3', spend: '0.000925000000', operations: '1', 'input tokens': '0', 'output tokens': '0' },
    { user: 'u-2', spend: '0.000172500000', operations: '2', 'input tokens': '1100', 'output tokens': '110' },
    { user: 'u-1', spend: '0.000021000000', operations: '2', 'input tokens': '200', 'output tokens': '20' },
    { user: '(none)', spend: null, operations: '1', 'input tokens': '0', 'output tokens': '0' },
  ],
  'Top features by spend': [
    { feature: 'voice', spend: '0.000925000000', operations: '1', users: '1' },
    { feature: 'chat', spend: '0.000172500000', operations: '2', users: '1' },
    { feature: 'search', spend: '0.000021000000', operations: '2', users: '1' },
    { feature: '(none)', spend: null, operations: '1', users: '0' },
  ],
  'Daily spend by model': [
    { time: new Date('2026-11-02T00:00:00Z'), metric: 'openai/gpt-oss-20b', spend: '0.000021000000' },
    { time: new Date('2026-11-03T00:00:00Z'), metric: 'openai/gpt-oss-120b', spend: '0.000172500000' },
    { time: new Date('2026-11-05T00:00:00Z'), metric: 'whisper-large-v3', spend: '0.000925000000' },
  ],
  'Cost per request distribution': [
    { 'cost per request': 0.0000105 },
    { 'cost per request': 0.0000105 },
    { 'cost per request': 0.0001725 },
    { 'cost per request': 0.000925 },
  ],
  'Cost per request by model': [
    {
      model: 'whisper-large-v3',
      operations: '1',
      p50: 0.000925,
      p95: 0.000925,
      p99: 0.000925,
      max: '0.000925000000',
    },
    {
      model: 'openai/gpt-oss-120b',
      operations: '1',
      p50: 0.0001725,
      p95: 0.0001725,
      p99: 0.0001725,
      max: '0.000172500000',
    },
    {
      model: 'openai/gpt-oss-20b',
      operations: '2',
      p50: 0.0000105,
      p95: 0.0000105,
      p99: 0.0000105,
      max: '0.000010500000',
    },
  ],
  'Most expensive operations': [
    [
      '2026-11-05T12:00:00.000Z',
      'u-3',
      'voice',
      'whisper-large-v3',
      'transcription',
      null,
      null,
      '0.000925000000',
      'req_d',
    ],
    [
      '2026-11-03T00:00:00.000Z',
      'u-2',
      'chat',
      'openai/gpt-oss-120b',
      'chat',
      '1000',
      '100',
      '0.000172500000',
      'req_c',
    ],
    [
      '2026-11-02T09:00:00.000Z',
      'u-1',
      'search',
      'openai/gpt-oss-20b',
      'chat',
      '100',
      '10',
      '0.000010500000',
      'req_a',
    ],
    [
      '2026-11-02T23:59:59.999Z',
      'u-1',
      'search',
      'openai/gpt-oss-20b',
      'chat',
      '100',
      '10',
      '0.000010500000',
      'req_b',
    ],
  ],
};

describe('Grafana ledger dashboard against a real PostgreSQL', () => {
  let client: pg.Client;

  beforeAll(async () => {
    const db = await postgresTarget().newDatabase();
    const ledger = await openLedger({ db });
    for (const row of NOVEMBER_WORKLOAD) ledger.record(row);
    await ledger.close();
    client = new pg.Client({ connectionString: db });
    await client.connect();
  });
  afterAll(() => client?.end());

  it('has one query per panel, each over the dashboard time range', () => {
    expect(queries.map((query) => [query.panelTitle, query.refId])).toEqual(
      Object.keys(EXPECTED).map((title) => [title, 'A']),
    );
    for (const query of queries) {
      expect(query.rawSql).toContain(
        `FROM ${LEDGER_TABLE} WHERE start_time >= $__timeFrom() AND start_time < $__timeTo()`,
      );
    }
  });

  it.each(queries.map((query) => [query.panelTitle, query] as const))('%s', async (title, query) => {
    const sql = withTimeRange(query.rawSql, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    const { rows } = await client.query(sql);
    if (title === 'Most expensive operations') {
      expect(
        rows.map((row) => [
          (row.time as Date).toISOString(),
          row.user,
          row.feature,
          row.model,
          row.operation,
          row['input tokens'],
          row['output tokens'],
          row.cost,
          row['request id'],
        ]),
      ).toEqual(EXPECTED[title]);
      expect(rows.every((row) => /^[0-9a-f]{32}$/.test(row['trace id']))).toBe(true);
    } else {
      expect(rows).toEqual(EXPECTED[title]);
    }
  });

  it('an empty range gives zeros and empty tables, not errors', async () => {
    for (const query of queries) {
      const sql = withTimeRange(query.rawSql, '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z');
      const { rows } = await client.query(sql);
      if (query.panelKind === 'stat')
        expect(Object.values(rows[0] ?? {}).every((value) => Number(value) === 0)).toBe(true);
      else expect(rows).toEqual([]);
    }
  });
});
