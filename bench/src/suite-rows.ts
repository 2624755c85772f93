import { BenchProcess, runSuiteScript, type SuiteMessage, scriptInput } from './bench-process';
import type { SuiteResult } from './results';
import type { SuiteInput } from './suite-input';

/** One row (or group of rows) of a suite, measured in a process of its own. */
export type SuiteRow = (input: SuiteInput) => Promise<SuiteResult>;

/** A suite's input, with the row to run when it runs one. */
type RowInput = SuiteInput & { row?: number };

/**
 * Runs a suite script whose rows each need a fresh process, as every peer gets one: rows that
 * share a process are not comparable, because the first pays for compiling the SDK, the HTTP
 * stack and groqmeter while the later ones find them compiled (measured on groq-sdk: with the
 * default row first and the explicit-producer row third, +305 and +208 µs per call at 100 warm-up
 * calls; with the two swapped, at 30, +337 µs for the explicit producer, now first, and +210 µs for
 * the default, now third). Started by `pnpm bench`, the script starts itself once per row, one after
 * the other, and reports their results in order; started with a row, it measures that row.
 *
 * @param script The suite script, relative to `bench/src` (`suites/groq-sdk.ts`).
 */
export async function runSuiteRows(script: string, rows: readonly SuiteRow[]): Promise<void> {
  const input = scriptInput<RowInput>();
  await runSuiteScript(async () => {
    if (input.row !== undefined) {
      const row = rows[input.row];
      if (!row) throw new Error(`${script} has ${rows.length} rows; there is no row ${input.row}.`);
      return row(input);
    }
    const results: SuiteResult[] = [];
    for (let row = 0; row < rows.length; row++) {
      const child = new BenchProcess(script, { ...input, row });
      const message = await child.next<SuiteMessage<SuiteResult>>();
      await child.finished();
      if ('error' in message) throw new Error(`row ${row + 1} of ${rows.length}: ${message.error}`);
      results.push(message.result);
    }
    return {
      calls: results.flatMap((result) => result.calls ?? []),
      memory: results.flatMap((result) => result.memory ?? []),
    };
  });
}
