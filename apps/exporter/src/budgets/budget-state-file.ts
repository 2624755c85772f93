import { readFileSync } from 'node:fs';
import { BUDGET_PERIODS } from '@groqmeter/budgets';
import { replaceFile } from '../state/replace-file.js';
import type { SavedPeriodGrowth } from './period-growth.js';

/** The budgets' state file: the spend and the operations each period has grown by so far. */
export interface BudgetState {
  spend: SavedPeriodGrowth;
  operations: SavedPeriodGrowth;
}

const FORMAT =
  '{"version":1,"spend":{"day"|"week"|"month":{"startMs","endMs","bySeries":[[labels,growth],…]}},"operations":{…}}';

/** A state file that exists but cannot be read as one (never silently reset: that would forget spend). */
export class BudgetStateFileError extends Error {}

/**
 * Reads the state an earlier exporter wrote to `path`; `undefined` when there is no file yet.
 *
 * @throws {BudgetStateFileError} when the file is not such a state file.
 */
export function readBudgetState(path: string): BudgetState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BudgetStateFileError(`${path}: ${(error as Error).message}`);
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    state = undefined;
  }
  const file = state as { version?: unknown; spend?: unknown; operations?: unknown } | undefined;
  if (file?.version !== 1 || !isSavedGrowth(file.spend) || !isSavedGrowth(file.operations)) {
    throw new BudgetStateFileError(
      `${path} is not a groqmeter budget state file (${FORMAT}); move it away or point --budgets-state elsewhere`,
    );
  }
  return { spend: file.spend, operations: file.operations };
}

/** Writes the state atomically (see `replaceFile`). */
export function writeBudgetState(path: string, state: BudgetState): void {
  replaceFile(path, `${JSON.stringify({ version: 1, ...state })}\n`);
}

function isSavedGrowth(value: unknown): value is SavedPeriodGrowth {
  const saved = value as Partial<SavedPeriodGrowth> | null | undefined;
  if (typeof saved?.periods !== 'object' || saved.periods === null || !isEntries(saved.wholes)) return false;
  return Object.entries(saved.periods).every(
    ([period, state]) =>
      (BUDGET_PERIODS as readonly string[]).includes(period) &&
      typeof state?.startMs === 'number' &&
      typeof state.endMs === 'number' &&
      isEntries(state.bySeries),
  );
}

/** `[[labelText, amount], …]` with finite amounts that are not negative. */
function isEntries(value: unknown): value is [string, number][] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry: unknown) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        typeof entry[1] === 'number' &&
        Number.isFinite(entry[1]) &&
        entry[1] >= 0,
    )
  );
}
