import { formatUsd } from '@groqmeter/pricing';
import { SPAN_USD_DECIMALS } from '../exact-cost.js';
import type { LedgerEntry } from '../types.js';

/** How a field is stored: each dialect writes and reads these kinds its own way. */
type ColumnKind = 'text' | 'number' | 'boolean' | 'time' | 'quanta' | 'usd' | 'json';

interface Column {
  name: string;
  field: keyof LedgerEntry;
  kind: ColumnKind;
}

/** Every column of `groq_operations` but its `id`, in table order. */
export const LEDGER_COLUMNS: readonly Column[] = [
  { name: 'trace_id', field: 'traceId', kind: 'text' },
  { name: 'span_id', field: 'spanId', kind: 'text' },
  { name: 'start_time', field: 'startTime', kind: 'time' },
  { name: 'duration_seconds', field: 'durationSeconds', kind: 'number' },
  { name: 'operation', field: 'operation', kind: 'text' },
  { name: 'provider', field: 'provider', kind: 'text' },
  { name: 'source', field: 'source', kind: 'text' },
  { name: 'service_name', field: 'serviceName', kind: 'text' },
  { name: 'request_model', field: 'requestModel', kind: 'text' },
  { name: 'response_model', field: 'responseModel', kind: 'text' },
  { name: 'input_tokens', field: 'inputTokens', kind: 'number' },
  { name: 'cached_input_tokens', field: 'cachedInputTokens', kind: 'number' },
  { name: 'output_tokens', field: 'outputTokens', kind: 'number' },
  { name: 'reasoning_tokens', field: 'reasoningTokens', kind: 'number' },
  { name: 'audio_seconds', field: 'audioSeconds', kind: 'number' },
  { name: 'characters', field: 'characters', kind: 'number' },
  { name: 'tool_calls', field: 'toolCalls', kind: 'number' },
  { name: 'cost_known', field: 'costKnown', kind: 'boolean' },
  { name: 'cost_quanta', field: 'costQuanta', kind: 'quanta' },
  { name: 'cost_usd', field: 'costUsd', kind: 'usd' },
  { name: 'cost_exact', field: 'costExact', kind: 'boolean' },
  { name: 'baseline_model', field: 'baselineModel', kind: 'text' },
  { name: 'baseline_cost_quanta', field: 'baselineCostQuanta', kind: 'quanta' },
  { name: 'baseline_cost_usd', field: 'baselineCostUsd', kind: 'usd' },
  { name: 'ttft_seconds', field: 'ttftSeconds', kind: 'number' },
  { name: 'outcome', field: 'outcome', kind: 'text' },
  { name: 'error_type', field: 'errorType', kind: 'text' },
  { name: 'request_id', field: 'requestId', kind: 'text' },
  { name: 'service_tier', field: 'serviceTier', kind: 'text' },
  { name: 'batch', field: 'batch', kind: 'boolean' },
  { name: 'user_id', field: 'userId', kind: 'text' },
  { name: 'feature', field: 'feature', kind: 'text' },
  { name: 'platform', field: 'platform', kind: 'text' },
  { name: 'tenant', field: 'tenant', kind: 'text' },
  { name: 'attributes', field: 'attributes', kind: 'json' },
  { name: 'content', field: 'content', kind: 'json' },
  { name: 'pricing', field: 'pricing', kind: 'text' },
  { name: 'cost_partial', field: 'costPartial', kind: 'boolean' },
  { name: 'partial_reasons', field: 'partialReasons', kind: 'json' },
  { name: 'cost_stale', field: 'costStale', kind: 'boolean' },
  { name: 'batch_id', field: 'batchId', kind: 'text' },
  { name: 'operation_type', field: 'operationType', kind: 'text' },
  { name: 'function_name', field: 'functionName', kind: 'text' },
];

/** `col1, col2, …` of {@link LEDGER_COLUMNS}. */
export const LEDGER_COLUMN_LIST = LEDGER_COLUMNS.map((column) => column.name).join(', ');

/** How one dialect turns a field into a parameter. */
export interface ParameterEncoding {
  boolean(value: boolean): unknown;
  /** A decimal USD string (12 decimals) as the `usd` column takes it. */
  usd(value: string): unknown;
  text(value: string): string;
  json(value: unknown): string;
}

function encodeValue(value: unknown, kind: ColumnKind, encoding: ParameterEncoding): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return encoding.text(value as string);
    case 'number':
      return value;
    case 'boolean':
      return encoding.boolean(value as boolean);
    case 'time':
      return (value as Date).toISOString();
    case 'quanta':
      return (value as bigint).toString();
    case 'usd':
      return encoding.usd(value as string);
    case 'json':
      return encoding.json(value);
  }
}

/** The parameters of one row, in {@link LEDGER_COLUMNS} order. */
export function entryParameters(entry: LedgerEntry, encoding: ParameterEncoding): unknown[] {
  return LEDGER_COLUMNS.map((column) => encodeValue(entry[column.field], column.kind, encoding));
}

function decodeValue(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return String(value);
    case 'number':
      return Number(value);
    case 'boolean':
      return value === true || value === 1 || value === 1n;
    case 'time':
      return new Date(value as string | Date);
    case 'quanta':
      return BigInt(value as string);
    case 'usd':
      // Derived from the exact quanta below: a REAL column cannot give the 12 decimals back.
      return null;
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
  }
}

/** A row as either driver returns it (SQLite numbers and text, PostgreSQL strings for int8 and numeric). */
export function entryFromRow(row: Record<string, unknown>): LedgerEntry {
  const entry: Record<string, unknown> = {};
  for (const column of LEDGER_COLUMNS) entry[column.field] = decodeValue(row[column.name], column.kind);
  const result = entry as unknown as LedgerEntry;
  result.costUsd = result.costQuanta === null ? null : formatUsd(result.costQuanta, SPAN_USD_DECIMALS);
  result.baselineCostUsd =
    result.baselineCostQuanta === null ? null : formatUsd(result.baselineCostQuanta, SPAN_USD_DECIMALS);
  return result;
}
