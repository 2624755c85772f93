/**
 * `pnpm bench`: every suite in its own process against one simulator, then the result tables on
 * stdout and in bench/RESULTS.md. Progress goes to stderr.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSimulator } from '@groqmeter/groq-simulator';
import {
  BenchOptionsError,
  FULL_PLAN,
  parseBenchOptions,
  QUICK_PLAN,
  type SuiteName,
  USAGE,
} from './bench-options';
import { BENCH_ROOT, BenchProcess, type SuiteMessage } from './bench-process';
import { BENCH_SIMULATOR_OPTIONS } from './bench-workload';
import { describeMachine } from './machine';
import { renderReport, type SuiteOutcome } from './report';
import type { SuiteResult } from './results';
import type { SuiteInput } from './suite-input';

const SCRIPTS: Record<SuiteName, string> = {
  'groq-sdk': 'suites/groq-sdk.ts',
  openlit: 'suites/openlit.ts',
  'openai-contrib': 'suites/openai-peer.ts',
  openllmetry: 'suites/openai-peer.ts',
  openinference: 'suites/openai-peer.ts',
  'ai-sdk': 'suites/ai-sdk.ts',
  langchain: 'suites/langchain.ts',
  'promise-tax': 'suites/promise-tax.ts',
  pricing: 'suites/pricing.ts',
  exporter: 'suites/exporter.ts',
  proxy: 'suites/proxy.ts',
};

async function runSuite(input: SuiteInput): Promise<SuiteOutcome> {
  const started = performance.now();
  const child = new BenchProcess(SCRIPTS[input.suite], input);
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const message = await child.next<SuiteMessage<SuiteResult>>();
    await child.finished();
    return 'error' in message
      ? { suite: input.suite, seconds: seconds(), error: message.error }
      : { suite: input.suite, seconds: seconds(), result: message.result };
  } catch (error) {
    return { suite: input.suite, seconds: seconds(), error: (error as Error).message };
  }
}

async function main(args: string[]): Promise<number> {
  const options = parseBenchOptions(args, join(BENCH_ROOT, 'RESULTS.md'));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const startedAt = new Date();
  const started = performance.now();
  const machine = describeMachine();
  process.stderr.write(
    `groqmeter bench: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}\n`,
  );
  const simulator = await startSimulator(BENCH_SIMULATOR_OPTIONS);
  const outcomes: SuiteOutcome[] = [];
  try {
    for (const [index, suite] of options.suites.entries()) {
      process.stderr.write(`[${index + 1}/${options.suites.length}] ${suite} ...`);
      const outcome = await runSuite({
        suite,
        plan,
        simulatorUrl: simulator.url,
        openaiBaseURL: simulator.openaiBaseURL,
      });
      process.stderr.write(
        ` ${outcome.error ? `failed: ${outcome.error}` : 'done'} (${outcome.seconds.toFixed(0)} s)\n`,
      );
      outcomes.push(outcome);
    }
  } finally {
    await simulator.close();
  }
  const report = renderReport({
    command: ['pnpm bench', ...args.filter((arg) => arg !== '--')].join(' '),
    startedAt,
    machine,
    loadAverageAtEnd: describeMachine().loadAverage,
    quick: options.quick,
    plan,
    outcomes,
    totalSeconds: (performance.now() - started) / 1000,
  });
  process.stdout.write(`\n${report}`);
  if (options.resultsFile) {
    await writeFile(options.resultsFile, report);
    process.stderr.write(`results written to ${options.resultsFile}\n`);
  }
  return outcomes.some((outcome) => outcome.error) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof BenchOptionsError ? '' : 'groqmeter bench failed: '}${(error as Error).message}\n`,
    );
    process.exit(2);
  },
);
