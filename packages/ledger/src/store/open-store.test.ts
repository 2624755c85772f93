import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresTarget } from '../../test/ledger-targets.js';
import { LedgerOpenError } from '../errors.js';
import { openLedger } from '../ledger.js';
import { MIGRATIONS } from './schema.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-ledger-open-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function openError(options: Parameters<typeof openLedger>[0]): Promise<LedgerOpenError> {
  const error = await openLedger(options).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(LedgerOpenError);
  return error as LedgerOpenError;
}

describe('openLedger refuses what it cannot use, at start, saying what to do', () => {
  it.each([
    [
      '',
      'the ledger database is empty; expected sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    ],
    [
      'mysql://root@localhost/ledger',
      'unsupported ledger database scheme "mysql://"; expected sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    ],
    [
      'postgres://ledger:s3cret@[::1/ledger',
      'the PostgreSQL URL is malformed (it is not printed: it may hold a password); expected sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    ],
    [
      'postgres:///ledger',
      'the PostgreSQL URL names no host; expected sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    ],
    [
      'sqlite:',
      '"sqlite:" names no file; expected sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE, e.g. sqlite:./groq-ledger.db',
    ],
  ])('%j', async (db, message) => {
    expect((await openError({ db })).message).toBe(message);
  });

  it('a SQLite file in a directory that does not exist', async () => {
    const path = join(directory, 'missing', 'ledger.db');
    expect((await openError({ db: `sqlite:${path}` })).message).toBe(
      `cannot open the SQLite ledger sqlite:${path}: Cannot open database because the directory does not exist; expected a writable file in an existing directory. Pass another path, e.g. --db sqlite:./groq-ledger.db`,
    );
  });

  it('a SQLite path below a file', async () => {
    const file = join(directory, 'not-a-directory');
    await writeFile(file, 'x');
    expect((await openError({ db: join(file, 'ledger.db') })).message).toMatch(
      /^cannot open the SQLite ledger sqlite:.*not-a-directory\/ledger\.db: .*; expected a writable file in an existing directory\./,
    );
  });

  it('a file that is not a SQLite database', async () => {
    const file = join(directory, 'notes.txt');
    await writeFile(file, 'these are not the rows you are looking for, not at all, no'.repeat(20));
    expect((await openError({ db: file })).message).toMatch(
      /: file is not a database; the file is not a SQLite database\./,
    );
  });

  it('create: false on a missing file, and on a database without a ledger', async () => {
    const missing = join(directory, 'nothing-here.db');
    expect((await openError({ db: missing, create: false })).message).toMatch(
      /^cannot open the SQLite ledger sqlite:.*nothing-here\.db: unable to open database file; expected an existing ledger file \(an app with openLedger creates it\)\./,
    );
    expect(existsSync(missing)).toBe(false);
    const other = join(directory, 'other.db');
    new Database(other).close();
    expect((await openError({ db: other, create: false })).message).toBe(
      `sqlite:${other} holds no groqmeter ledger (no schema_migrations table); point --db at the database your app's ledger writes to`,
    );
  });

  it('a ledger migrated by a newer version of the package', async () => {
    const path = join(directory, 'newer.db');
    await (await openLedger({ db: path })).close();
    const file = new Database(path);
    file
      .prepare(
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', '2030-01-01')`,
      )
      .run();
    file.close();
    expect((await openError({ db: path })).message).toBe(
      `the ledger at sqlite:${path} has schema version 99, newer than the version 3 this @groqmeter/ledger knows; upgrade @groqmeter/ledger`,
    );
  });

  it('an unreachable PostgreSQL server, without printing the password', async () => {
    const port = await closedPort();
    const error = await openError({
      db: `postgres://ledger:s3cret@127.0.0.1:${port}/ledger`,
      connectTimeoutMs: 2000,
    });
    expect(error.message).toBe(
      `cannot open the PostgreSQL ledger postgres://ledger@127.0.0.1:${port}/ledger: connect ECONNREFUSED 127.0.0.1:${port}; expected a reachable server and a database this user may create tables in (postgres://USER:PASSWORD@HOST:PORT/DATABASE)`,
    );
  });

  it('a PostgreSQL database that does not exist', async () => {
    const url = new URL(await postgresTarget().newDatabase());
    url.pathname = '/no_such_ledger';
    expect((await openError({ db: url.href })).message).toContain(
      ': database "no_such_ledger" does not exist; expected',
    );
  });

  it('out-of-range options', async () => {
    expect((await openError({ db: 'sqlite::memory:', maxQueueSize: 0 })).message).toBe(
      'maxQueueSize must be a whole number of at least 1, got 0; leave it out for the default 10000',
    );
  });
});

describe('schema and migrations', () => {
  it('SQLite: WAL mode, the table, its indexes and the applied migration', async () => {
    const path = join(directory, 'fresh.db');
    const ledger = await openLedger({ db: `sqlite:${path}` });
    expect(ledger.database).toBe(`sqlite:${path}`);
    await ledger.close();
    // Opening again applies nothing twice.
    await (await openLedger({ db: path })).close();
    const file = new Database(path, { readonly: true });
    try {
      expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(file.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
        { version: 1, name: 'create groq_operations' },
        { version: 2, name: 'pricing outcome and batch id' },
        { version: 3, name: 'operation type and function name (OpenAI rows beside Groq)' },
      ]);
      expect(
        (
          file
            .prepare(
              `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'groq_operations' ORDER BY name`,
            )
            .all() as { name: string }[]
        ).map((index) => index.name),
      ).toEqual([
        'groq_operations_time_feature',
        'groq_operations_time_function',
        'groq_operations_time_pricing',
        'groq_operations_time_provider',
        'groq_operations_time_user',
        'sqlite_autoindex_groq_operations_1',
      ]);
      expect(file.prepare(`SELECT name FROM pragma_index_info('groq_operations_time_user')`).all()).toEqual([
        { name: 'start_time' },
        { name: 'user_id' },
      ]);
    } finally {
      file.close();
    }
  });

  it('PostgreSQL: apps starting together migrate once', async () => {
    const db = await postgresTarget().newDatabase();
    const ledgers = await Promise.all([1, 2, 3].map(() => openLedger({ db })));
    await Promise.all(ledgers.map((ledger) => ledger.close()));
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      expect((await client.query('SELECT version, name FROM schema_migrations')).rows).toEqual([
        { version: 1, name: 'create groq_operations' },
        { version: 2, name: 'pricing outcome and batch id' },
        { version: 3, name: 'operation type and function name (OpenAI rows beside Groq)' },
      ]);
      expect(
        (
          await client.query(
            `SELECT indexdef FROM pg_indexes WHERE tablename = 'groq_operations' ORDER BY indexname`,
          )
        ).rows.map((row: { indexdef: string }) => row.indexdef.replace(/ public\./g, ' ')),
      ).toEqual([
        'CREATE UNIQUE INDEX groq_operations_pkey ON groq_operations USING btree (id)',
        'CREATE INDEX groq_operations_time_feature ON groq_operations USING btree (start_time, feature)',
        'CREATE INDEX groq_operations_time_function ON groq_operations USING btree (start_time, function_name)',
        'CREATE INDEX groq_operations_time_pricing ON groq_operations USING btree (start_time, pricing)',
        'CREATE INDEX groq_operations_time_provider ON groq_operations USING btree (start_time, provider)',
        'CREATE INDEX groq_operations_time_user ON groq_operations USING btree (start_time, user_id)',
        'CREATE UNIQUE INDEX groq_operations_trace_id_span_id_key ON groq_operations USING btree (trace_id, span_id)',
      ]);
    } finally {
      await client.end();
    }
  });
});

/** Rows a schema-1 ledger holds: a priced chat, an unpriced one, a chat without usage, a batch creation, a failed call. */
const SCHEMA_1_ROWS: [string, string, number | null, string | null][] = [
  ['chat', 'success', 1, '783000000000000'],
  ['chat', 'success', 0, null],
  ['transcription', 'success', null, null],
  ['batch', 'success', null, null],
  ['chat', 'error', null, null],
];

async function migratedPricing(
  query: (sql: string, params?: unknown[]) => Promise<unknown[]>,
  boolean: (value: number | null) => unknown,
  db: string,
): Promise<unknown[]> {
  await query(
    `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
  );
  await query(db.startsWith('sqlite:') ? MIGRATIONS[0]!.sqlite : MIGRATIONS[0]!.postgres);
  await query(
    `INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'create groq_operations', '2026-11-01')`,
  );
  for (const [index, [operation, outcome, costKnown, quanta]] of SCHEMA_1_ROWS.entries()) {
    await query(
      `INSERT INTO groq_operations (trace_id, span_id, start_time, duration_seconds, operation, provider, source, outcome, cost_known, cost_quanta)
       VALUES ('t', '${index}', '2026-11-20T10:00:00.000Z', 1, '${operation}', 'groq', 'groq-sdk', '${outcome}', $1, ${quanta === null ? 'NULL' : `'${quanta}'`})`.replace(
        '$1',
        String(boolean(costKnown)),
      ),
    );
  }
  await (await openLedger({ db })).close();
  return query(
    'SELECT span_id, pricing, cost_partial, cost_stale, batch_id FROM groq_operations ORDER BY span_id',
  );
}

describe('migration from schema 1', () => {
  const expected = (falsy: unknown) => [
    { span_id: '0', pricing: 'exact', cost_partial: falsy, cost_stale: falsy, batch_id: null },
    { span_id: '1', pricing: 'unpriced', cost_partial: falsy, cost_stale: falsy, batch_id: null },
    // Schema 1 counted this one as neither priced nor unpriced: its usage never arrived.
    { span_id: '2', pricing: 'usage_missing', cost_partial: falsy, cost_stale: falsy, batch_id: null },
    { span_id: '3', pricing: null, cost_partial: falsy, cost_stale: falsy, batch_id: null },
    { span_id: '4', pricing: null, cost_partial: falsy, cost_stale: falsy, batch_id: null },
  ];

  it('SQLite: rows without a known cost become unpriced or usage_missing, never $0', async () => {
    const path = join(directory, 'schema-1.db');
    const file = new Database(path);
    try {
      const rows = await migratedPricing(
        async (sql) => {
          if (sql.trimStart().startsWith('SELECT')) return file.prepare(sql).all();
          file.exec(sql);
          return [];
        },
        (value) => (value === null ? 'NULL' : value),
        `sqlite:${path}`,
      );
      expect(rows).toEqual(expected(0));
    } finally {
      file.close();
    }
  });

  it('PostgreSQL: the same backfill', async () => {
    const db = await postgresTarget().newDatabase();
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      const rows = await migratedPricing(
        async (sql) => (await client.query(sql)).rows,
        (value) => (value === null ? 'NULL' : value === 1 ? 'TRUE' : 'FALSE'),
        db,
      );
      expect(rows).toEqual(expected(false));
    } finally {
      await client.end();
    }
  });
});

/** Rows of a schema-2 ledger (Groq only): operation, batch, attributes. */
const SCHEMA_2_ROWS: readonly [string, boolean, string][] = [
  ['chat', false, '{"function_name":"summarise_ticket","feature":"support"}'],
  ['embeddings', false, '{}'],
  ['chat', true, '{"function_name":"nightly_digest"}'],
  ['transcription', false, '{"feature":"calls"}'],
];

/** A ledger at schema 2 with {@link SCHEMA_2_ROWS}, opened (so migrated) once; its new columns. */
async function migratedFromSchema2(
  query: (sql: string) => Promise<unknown[]>,
  boolean: (value: boolean) => string,
  db: string,
): Promise<unknown[]> {
  await query(
    `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
  );
  for (const migration of MIGRATIONS.slice(0, 2)) {
    await query(db.startsWith('sqlite:') ? migration.sqlite : migration.postgres);
    await query(
      `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${migration.version}, '${migration.name}', '2026-11-01')`,
    );
  }
  for (const [index, [operation, batch, attributes]] of SCHEMA_2_ROWS.entries()) {
    await query(
      `INSERT INTO groq_operations (trace_id, span_id, start_time, duration_seconds, operation, provider, source, outcome, batch, attributes)
       VALUES ('t', '${index}', '2026-11-20T10:00:00.000Z', 1, '${operation}', 'groq', 'groq-sdk', 'success', ${boolean(batch)}, '${attributes}')`,
    );
  }
  await (await openLedger({ db })).close();
  return query(
    'SELECT span_id, provider, operation_type, function_name FROM groq_operations ORDER BY span_id',
  );
}

describe('migration from schema 2', () => {
  const expected = [
    { span_id: '0', provider: 'groq', operation_type: 'chat', function_name: 'summarise_ticket' },
    { span_id: '1', provider: 'groq', operation_type: 'embedding', function_name: null },
    { span_id: '2', provider: 'groq', operation_type: 'batch', function_name: 'nightly_digest' },
    { span_id: '3', provider: 'groq', operation_type: 'transcription', function_name: null },
  ];

  it('SQLite: operation types and function names are filled from the rows', async () => {
    const path = join(directory, 'schema-2.db');
    const file = new Database(path);
    try {
      const rows = await migratedFromSchema2(
        async (sql) => {
          if (sql.trimStart().startsWith('SELECT')) return file.prepare(sql).all();
          file.exec(sql);
          return [];
        },
        (value) => (value ? '1' : '0'),
        `sqlite:${path}`,
      );
      expect(rows).toEqual(expected);
    } finally {
      file.close();
    }
  });

  it('PostgreSQL: the same backfill', async () => {
    const db = await postgresTarget().newDatabase();
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      const rows = await migratedFromSchema2(
        async (sql) => (await client.query(sql)).rows,
        (value) => (value ? 'TRUE' : 'FALSE'),
        db,
      );
      expect(rows).toEqual(expected);
    } finally {
      await client.end();
    }
  });
});
