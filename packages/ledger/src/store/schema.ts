import { LedgerOpenError } from '../errors.js';

/** The table of operations. */
export const LEDGER_TABLE = 'groq_operations';
/** The table recording which migrations have been applied. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * The pricing outcome of rows written before schema 2, by the rule of `pricingOf`: a known cost is
 * exact, usage without a price unpriced, and a billable operation that did not fail but has no
 * cost at all is `usage_missing` (schema 1 counted those as neither priced nor unpriced).
 */
const BACKFILL_PRICING = `UPDATE ${LEDGER_TABLE} SET pricing = CASE
        WHEN cost_known = TRUE THEN 'exact'
        WHEN cost_known = FALSE THEN 'unpriced'
        WHEN operation IN ('batch', 'models') OR outcome = 'error' THEN NULL
        ELSE 'usage_missing'
      END;`;

/** The operation type of rows written before schema 3, by the recorder's rule (`groqmeter.operation.type`). */
const BACKFILL_OPERATION_TYPE = `UPDATE ${LEDGER_TABLE} SET operation_type = CASE
        WHEN batch = TRUE OR operation = 'batch' THEN 'batch'
        WHEN operation = 'embeddings' THEN 'embedding'
        ELSE operation
      END;`;

/** One schema change, in each dialect. Applied in order, each once, recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create groq_operations',
    sqlite: `
      CREATE TABLE ${LEDGER_TABLE} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        start_time TEXT NOT NULL,
        duration_seconds REAL NOT NULL,
        operation TEXT NOT NULL,
        provider TEXT NOT NULL,
        source TEXT NOT NULL,
        service_name TEXT,
        request_model TEXT,
        response_model TEXT,
        input_tokens INTEGER,
        cached_input_tokens INTEGER,
        output_tokens INTEGER,
        reasoning_tokens INTEGER,
        audio_seconds REAL,
        characters INTEGER,
        tool_calls INTEGER,
        cost_known INTEGER,
        cost_quanta TEXT,
        cost_usd REAL,
        cost_exact INTEGER,
        baseline_model TEXT,
        baseline_cost_quanta TEXT,
        baseline_cost_usd REAL,
        ttft_seconds REAL,
        outcome TEXT NOT NULL,
        error_type TEXT,
        request_id TEXT,
        service_tier TEXT,
        batch INTEGER NOT NULL DEFAULT 0,
        user_id TEXT,
        feature TEXT,
        platform TEXT,
        tenant TEXT,
        attributes TEXT NOT NULL DEFAULT '{}',
        content TEXT,
        UNIQUE (trace_id, span_id)
      ) STRICT;
      CREATE INDEX ${LEDGER_TABLE}_time_user ON ${LEDGER_TABLE} (start_time, user_id);
      CREATE INDEX ${LEDGER_TABLE}_time_feature ON ${LEDGER_TABLE} (start_time, feature);
    `,
    postgres: `
      CREATE TABLE ${LEDGER_TABLE} (
        id bigserial PRIMARY KEY,
        trace_id text NOT NULL,
        span_id text NOT NULL,
        start_time timestamptz NOT NULL,
        duration_seconds double precision NOT NULL,
        operation text NOT NULL,
        provider text NOT NULL,
        source text NOT NULL,
        service_name text,
        request_model text,
        response_model text,
        input_tokens bigint,
        cached_input_tokens bigint,
        output_tokens bigint,
        reasoning_tokens bigint,
        audio_seconds double precision,
        characters bigint,
        tool_calls bigint,
        cost_known boolean,
        cost_quanta numeric(40, 0),
        cost_usd numeric(24, 12),
        cost_exact boolean,
        baseline_model text,
        baseline_cost_quanta numeric(40, 0),
        baseline_cost_usd numeric(24, 12),
        ttft_seconds double precision,
        outcome text NOT NULL,
        error_type text,
        request_id text,
        service_tier text,
        batch boolean NOT NULL DEFAULT false,
        user_id text,
        feature text,
        platform text,
        tenant text,
        attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
        content jsonb,
        UNIQUE (trace_id, span_id)
      );
      CREATE INDEX ${LEDGER_TABLE}_time_user ON ${LEDGER_TABLE} (start_time, user_id);
      CREATE INDEX ${LEDGER_TABLE}_time_feature ON ${LEDGER_TABLE} (start_time, feature);
    `,
  },
  {
    version: 2,
    name: 'pricing outcome and batch id',
    sqlite: `
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN pricing TEXT;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN cost_partial INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN partial_reasons TEXT;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN cost_stale INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN batch_id TEXT;
      ${BACKFILL_PRICING}
      CREATE INDEX ${LEDGER_TABLE}_time_pricing ON ${LEDGER_TABLE} (start_time, pricing);
    `,
    postgres: `
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN pricing text;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN cost_partial boolean NOT NULL DEFAULT false;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN partial_reasons jsonb;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN cost_stale boolean NOT NULL DEFAULT false;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN batch_id text;
      ${BACKFILL_PRICING}
      CREATE INDEX ${LEDGER_TABLE}_time_pricing ON ${LEDGER_TABLE} (start_time, pricing);
    `,
  },
  {
    version: 3,
    name: 'operation type and function name (OpenAI rows beside Groq)',
    // Rows before it are Groq's (provider was always "groq"); function_name comes from the
    // attributes every row kept.
    sqlite: `
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN operation_type TEXT;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN function_name TEXT;
      ${BACKFILL_OPERATION_TYPE}
      UPDATE ${LEDGER_TABLE} SET function_name = json_extract(attributes, '$.function_name');
      CREATE INDEX ${LEDGER_TABLE}_time_provider ON ${LEDGER_TABLE} (start_time, provider);
      CREATE INDEX ${LEDGER_TABLE}_time_function ON ${LEDGER_TABLE} (start_time, function_name);
    `,
    postgres: `
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN operation_type text;
      ALTER TABLE ${LEDGER_TABLE} ADD COLUMN function_name text;
      ${BACKFILL_OPERATION_TYPE}
      UPDATE ${LEDGER_TABLE} SET function_name = attributes->>'function_name';
      CREATE INDEX ${LEDGER_TABLE}_time_provider ON ${LEDGER_TABLE} (start_time, provider);
      CREATE INDEX ${LEDGER_TABLE}_time_function ON ${LEDGER_TABLE} (start_time, function_name);
    `,
  },
];

/** The schema version this package writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * The migrations to apply to a database at `current`.
 *
 * @throws {LedgerOpenError} when the database was migrated by a newer version of this package.
 */
export function pendingMigrations(current: number, database: string): readonly Migration[] {
  if (current > SCHEMA_VERSION) {
    throw new LedgerOpenError(
      `the ledger at ${database} has schema version ${current}, newer than the version ${SCHEMA_VERSION} this @groqmeter/ledger knows; upgrade @groqmeter/ledger`,
    );
  }
  return MIGRATIONS.filter((migration) => migration.version > current);
}

/**
 * Checks a schema that is not to be migrated (`create: false`).
 *
 * @throws {LedgerOpenError} when there is no ledger, or one of another version.
 */
export function checkSchemaVersion(current: number | undefined, database: string): void {
  if (current === undefined) {
    throw new LedgerOpenError(
      `${database} holds no groqmeter ledger (no ${MIGRATIONS_TABLE} table); point --db at the database your app's ledger writes to`,
    );
  }
  pendingMigrations(current, database);
  if (current < SCHEMA_VERSION) {
    throw new LedgerOpenError(
      `the ledger at ${database} has schema version ${current}, older than ${SCHEMA_VERSION}; open it once from an app with this @groqmeter/ledger (openLedger migrates it) and retry`,
    );
  }
}
