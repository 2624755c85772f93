/**
 * The per-promise tax of groqmeter on the user's process: the same bare workload in processes
 * where groqmeter is not loaded, loaded but never called, and loaded and called once. The
 * processes run one after the other in rotated order, several times, and each variant reports the
 * median of its processes.
 */
import { BenchProcess, runSuiteScript, type SuiteMessage, scriptInput } from '../bench-process';
import { interleavedOrder } from '../interleave';
import type { PromiseTaxRow, PromiseTaxSample } from '../results';
import { median } from '../statistics';
import type { SuiteInput } from '../suite-input';
import type { PromiseTaxInput, PromiseTaxVariant } from './promise-tax-workload';

const VARIANTS: readonly PromiseTaxVariant[] = ['not loaded', 'loaded, not called', 'loaded, called once'];

async function runVariant(input: PromiseTaxInput): Promise<PromiseTaxSample> {
  const child = new BenchProcess('suites/promise-tax-workload.ts', input);
  const message = await child.next<SuiteMessage<PromiseTaxSample>>();
  await child.finished();
  if ('error' in message) throw new Error(`the "${input.variant}" process failed: ${message.error}`);
  return message.result;
}

await runSuiteScript(async () => {
  const input = scriptInput<SuiteInput>();
  const samples = VARIANTS.map((): PromiseTaxSample[] => []);
  for (let round = 0; round < input.plan.promiseTax.processes; round++) {
    for (const index of interleavedOrder(VARIANTS.length, round)) {
      samples[index]!.push(await runVariant({ ...input, variant: VARIANTS[index]! }));
    }
  }
  const rows = samples.map(
    (runs, index): PromiseTaxRow => ({
      variant: VARIANTS[index]!,
      processes: runs.length,
      chunksPerStream: runs[0]!.chunksPerStream,
      streamMs: median(runs.map((run) => run.streamMs)),
      hopNs: median(runs.map((run) => run.hopNs)),
    }),
  );
  return { promiseTax: rows };
});
