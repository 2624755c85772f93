import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntry } from '../../test/entries.js';
import { openLedger } from '../ledger.js';
import { isSqliteUnavailable } from './sqlite-store.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-ledger-busy-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** The longest pause of the event loop while `run` goes on, from a 5 ms ticker. */
async function longestStall(run: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await run();
  } finally {
    clearInterval(ticker);
  }
  return longest;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite ledger while another process holds the write lock', () => {
  it('never blocks the event loop, keeps the rows queued with the error reported, and writes them all once the lock goes', async () => {
    const path = join(directory, 'locked.db');
    const ledger = await openLedger({ db: `sqlite:${path}`, flushIntervalMs: 50, maxRetryDelayMs: 200 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const entries = [ledgerEntry(), ledgerEntry(), ledgerEntry()];
      const stall = await longestStall(async () => {
        for (const entry of entries) expect(ledger.record(entry)).toBe(true);
        await sleep(600);
      });
      expect(stall).toBeLessThan(250);
      expect(ledger.stats()).toMatchObject({
        queued: 3,
        written: 0,
        lastError: 'database is locked',
        dropped: { ledger_rejected: 0 },
      });
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await sleep(400);
    expect(ledger.stats()).toMatchObject({ queued: 0, written: 3, dropped: { ledger_rejected: 0 } });
    await ledger.close();
  });
});

describe('isSqliteUnavailable', () => {
  it('tells "not now" (locked, full, I/O) from "not this row" (a constraint)', () => {
    const codes = [
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_LOCKED',
      'SQLITE_FULL',
      'SQLITE_IOERR_WRITE',
      'SQLITE_READONLY_DBMOVED',
    ];
    expect(codes.map((code) => isSqliteUnavailable({ code }))).toEqual(codes.map(() => true));
    expect(
      ['SQLITE_CONSTRAINT_CHECK', 'SQLITE_MISMATCH', 'SQLITE_TOOBIG', undefined].map((code) =>
        isSqliteUnavailable({ code }),
      ),
    ).toEqual([false, false, false, false]);
  });
});
