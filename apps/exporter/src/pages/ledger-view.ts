import type { Ledger, LedgerEntry } from '@groqmeter/ledger';

/** One recent operation as the pages list it: no message content, ever. */
export interface LedgerRow {
  startTimeMs: number;
  service: string | null;
  operation: string;
  model: string | null;
  outcome: string;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Decimal USD string, `null` when nothing was priced. */
  costUsd: string | null;
  pricing: string | null;
  durationSeconds: number;
  feature: string | null;
  /** Only because the operator enabled the ledger view. */
  userId: string | null;
}

/** Rows the list shows. */
export const LEDGER_ROWS = 50;
/** Windows looked back through, shortest first, until enough rows are found. */
const LOOKBACK_MS = [60_000, 3_600_000, 86_400_000];
/** Rows read per window: the ledger returns the oldest first, so a busy minute may cut the newest. */
const READ_LIMIT = 5_000;

/**
 * The most recent {@link LEDGER_ROWS} operations of the ledger, newest first, looking back a
 * minute, then an hour, then a day.
 */
export async function recentOperations(ledger: Ledger, nowMs: number): Promise<LedgerRow[]> {
  let entries: LedgerEntry[] = [];
  for (const lookback of LOOKBACK_MS) {
    entries = await ledger.operations({
      from: new Date(nowMs - lookback),
      to: new Date(nowMs + 60_000),
      limit: READ_LIMIT,
    });
    if (entries.length >= LEDGER_ROWS) break;
  }
  return entries.slice(-LEDGER_ROWS).reverse().map(ledgerRow);
}

function ledgerRow(entry: LedgerEntry): LedgerRow {
  return {
    startTimeMs: entry.startTime.getTime(),
    service: entry.serviceName,
    operation: entry.operation,
    model: entry.responseModel ?? entry.requestModel,
    outcome: entry.outcome,
    inputTokens: entry.inputTokens,
    outputTokens: entry.outputTokens,
    costUsd: entry.costUsd,
    pricing: entry.pricing,
    durationSeconds: entry.durationSeconds,
    feature: entry.feature,
    userId: entry.userId,
  };
}
