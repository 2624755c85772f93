import { parseArgs } from 'node:util';
import { SPEND_DIMENSIONS } from '../spend-query.js';
import type { SpendDimension, SpendQuery } from '../types.js';

/** The environment variable `--db` defaults to. */
export const ENV_LEDGER_DB = 'GROQMETER_LEDGER_DB';

export const REPORT_FORMATS = ['table', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A command line that asks for a report. */
export interface ReportRequest {
  db: string;
  query: SpendQuery;
  format: ReportFormat;
}

/** A command line that cannot be run as given; the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const HELP = `groqmeter-ledger: spend from a groqmeter usage ledger

Usage: groqmeter-ledger --db DATABASE [--by DIMENSION] [--from DATE] [--to DATE]
                        [--top N] [--format table|csv|json] [--baseline MODEL]

  --db DATABASE     sqlite:PATH (or a file path) or postgres://USER:PASSWORD@HOST:PORT/DB;
                    default: $${ENV_LEDGER_DB}
  --by DIMENSION    ${SPEND_DIMENSIONS.join(' | ')} (default user); day is the UTC day
  --from DATE       start, inclusive: YYYY-MM-DD (UTC midnight) or an ISO-8601 time with a zone;
                    default: the first day of this month (UTC)
  --to DATE         end: YYYY-MM-DD includes that whole day, an ISO-8601 time is exclusive;
                    default: now
  --top N           only the N most expensive groups (the total still counts every group)
  --format FORMAT   table (default), csv or json
  --baseline MODEL  price the same usage on MODEL (e.g. gpt-4o) instead of the baseline cost
                    recorded with each operation
  --help            show this help

Exit codes: 0 done, 1 the ledger could not be read, 2 a bad command line.`;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO-8601 time that says its zone, so that no one's local time zone changes the answer. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** A `--from`/`--to` value; a bare date is a UTC day, `--to` then including that day. */
export function parseDate(flag: '--from' | '--to', text: string): Date {
  const day = DATE_ONLY.exec(text);
  if (day !== null) {
    const [, year, month, date] = day.map(Number) as [number, number, number, number];
    const start = Date.UTC(year, month - 1, date);
    const valid = new Date(start).getUTCDate() === date && new Date(start).getUTCMonth() === month - 1;
    if (valid) return new Date(flag === '--to' ? start + DAY_MS : start);
  } else if (ISO_WITH_ZONE.test(text) && !Number.isNaN(Date.parse(text))) {
    return new Date(text);
  }
  throw new UsageError(
    `${flag} ${JSON.stringify(text.slice(0, 40))} is not a date; expected YYYY-MM-DD or an ISO-8601 time with a zone such as 2026-11-01T00:00:00Z`,
  );
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} ${JSON.stringify(value.slice(0, 40))} is not one of ${allowed.join(', ')}`);
}

/**
 * Reads the command line. `undefined` means `--help`.
 *
 * @throws {UsageError} for unknown flags, missing values and values out of range.
 */
export function parseCliArguments(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  now: Date,
): ReportRequest | undefined {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        db: { type: 'string' },
        by: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        top: { type: 'string' },
        format: { type: 'string' },
        baseline: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help`);
  }
  if (values.help === true) return undefined;
  const db = (values.db as string | undefined) ?? env[ENV_LEDGER_DB];
  if (db === undefined || db.trim() === '') {
    throw new UsageError(`--db is required (or set ${ENV_LEDGER_DB}), e.g. --db sqlite:./groq-ledger.db`);
  }
  const by = oneOf<SpendDimension>('--by', (values.by as string | undefined) ?? 'user', SPEND_DIMENSIONS);
  const format = oneOf('--format', (values.format as string | undefined) ?? 'table', REPORT_FORMATS);
  const from =
    values.from === undefined
      ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
      : parseDate('--from', values.from as string);
  const to = values.to === undefined ? now : parseDate('--to', values.to as string);
  if (from.getTime() >= to.getTime()) {
    throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
  }
  let top: number | undefined;
  if (values.top !== undefined) {
    top = Number(values.top);
    if (!/^\d+$/.test(values.top as string) || !Number.isSafeInteger(top) || top < 1) {
      throw new UsageError(`--top must be a whole number of at least 1, got ${JSON.stringify(values.top)}`);
    }
  }
  const baselineModel = values.baseline as string | undefined;
  return { db, format, query: { by, from, to, top, baselineModel } };
}
