import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { type Ledger, LedgerSpanProcessor } from '../src/index.js';
import { createDatabase } from './postgres-server.js';

/** `service.name` of the test apps. */
export const SERVICE_NAME = 'ledger-test-app';

/** A database to open ledgers on: a SQLite file in a temp dir, or a new database on the test PostgreSQL. */
export interface LedgerTarget {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** A fresh, empty location (`sqlite:/tmp/…/ledger.db`, `postgres://…/ledger_…`). */
  newDatabase(): Promise<string>;
  /** Every row of `groq_operations` as the driver returns it, for scans that must see every column. */
  rawRows(db: string): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

export function sqliteTarget(): LedgerTarget {
  const directories: string[] = [];
  return {
    name: 'SQLite',
    async newDatabase() {
      const directory = await mkdtemp(join(tmpdir(), 'groqmeter-ledger-'));
      directories.push(directory);
      return `sqlite:${join(directory, 'ledger.db')}`;
    },
    async rawRows(db) {
      const file = new Database(db.slice('sqlite:'.length), { readonly: true });
      try {
        return file.prepare('SELECT * FROM groq_operations ORDER BY id').all() as Record<string, unknown>[];
      } finally {
        file.close();
      }
    },
    async cleanup() {
      await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
    },
  };
}

export function postgresTarget(): LedgerTarget {
  return {
    name: 'PostgreSQL',
    newDatabase: () => createDatabase(inject('postgresUrl'), `ledger_${randomBytes(6).toString('hex')}`),
    async rawRows(db) {
      const client = new pg.Client({ connectionString: db });
      await client.connect();
      try {
        return (await client.query('SELECT * FROM groq_operations ORDER BY id')).rows;
      } finally {
        await client.end();
      }
    },
    async cleanup() {},
  };
}

/** A tracer provider whose only processor writes to the ledger, as an app would set it up. */
export function ledgerTracerProvider(ledger: Ledger): BasicTracerProvider {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': SERVICE_NAME }),
    spanProcessors: [new LedgerSpanProcessor(ledger)],
  });
}
