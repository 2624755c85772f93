import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { BudgetsDocument } from './budget-definition.js';
import { budgetsSchema } from './budgets-schema.js';

/** A budgets file that cannot be used; the message names the file and the place inside it. */
export class BudgetsFileError extends Error {
  override readonly name = 'BudgetsFileError';
}

/**
 * Reads and validates a budgets file: JSON when it ends in `.json`, YAML otherwise.
 *
 * @throws {BudgetsFileError} e.g. `budgets.yaml: budgets[0].usd: expected an amount above 0 USD`.
 */
export function readBudgetsFile(path: string): BudgetsDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BudgetsFileError(
      `cannot read the budgets file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path given to --budgets`,
    );
  }
  return parseBudgets(text, path);
}

/**
 * Validates the text of a budgets file; `source` names it in messages.
 *
 * @throws {BudgetsFileError} naming `source` and the path inside the document.
 */
export function parseBudgets(text: string, source: string): BudgetsDocument {
  let value: unknown;
  try {
    value = extname(source) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const format = extname(source) === '.json' ? 'JSON' : 'YAML';
    throw new BudgetsFileError(`${source} is not valid ${format}: ${(error as Error).message}`);
  }
  const result = budgetsSchema.safeParse(value);
  if (!result.success) {
    throw new BudgetsFileError(
      `${source}: ${result.error.issues.map(describeIssue).join('; ')}. Expected { timezone, budgets: [{ name, scope, period, usd, warn, enforce }] } (see the exporter README, "Budgets")`,
    );
  }
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // A record key's own message ("a scope key must be ...") sits under zod's "Invalid key in record".
  const message =
    issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join(', ') : issue.message;
  return `${issuePath(issue.path)}: ${message}`;
}

/** `budgets[0].scope.feature`, or `(top level)` for the document itself. */
function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
