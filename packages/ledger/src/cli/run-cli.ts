import { LedgerOpenError, LedgerQueryError } from '../errors.js';
import { openLedger } from '../ledger.js';
import type { SpendReport } from '../types.js';
import { HELP, parseCliArguments, type ReportFormat, UsageError } from './cli-arguments.js';
import { formatCsv, formatJson, formatTable } from './format-report.js';

/** Where the command writes, and what it reads from its surroundings. */
export interface CliContext {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
}

const FORMATTERS: Record<ReportFormat, (report: SpendReport) => string> = {
  table: formatTable,
  csv: formatCsv,
  json: formatJson,
};

/** Runs `groqmeter-ledger` and returns its exit code: 0 done, 1 the ledger could not be read, 2 a bad command line. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  let request: ReturnType<typeof parseCliArguments>;
  try {
    request = parseCliArguments(argv, context.env, context.now);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    context.stderr.write(`groqmeter-ledger: ${error.message}\n`);
    return 2;
  }
  if (request === undefined) {
    context.stdout.write(`${HELP}\n`);
    return 0;
  }
  let ledger: Awaited<ReturnType<typeof openLedger>> | undefined;
  try {
    ledger = await openLedger({ db: request.db, create: false, connectTimeoutMs: 5000 });
    const report = await ledger.spendBy(request.query);
    context.stdout.write(FORMATTERS[request.format](report));
    return 0;
  } catch (error) {
    if (error instanceof LedgerQueryError) {
      context.stderr.write(`groqmeter-ledger: ${error.message}\n`);
      return 2;
    }
    const message =
      error instanceof LedgerOpenError
        ? error.message
        : `cannot read the ledger: ${(error as Error).message}`;
    context.stderr.write(`groqmeter-ledger: ${message}\n`);
    return 1;
  } finally {
    await ledger?.close();
  }
}
