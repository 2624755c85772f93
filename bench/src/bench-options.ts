import type { InterleavePlan } from './interleave';

/** The suites `pnpm bench` runs, each in its own process, in this order. */
export const SUITE_NAMES = [
  'groq-sdk',
  'openlit',
  'openai-contrib',
  'openllmetry',
  'openinference',
  'ai-sdk',
  'langchain',
  'promise-tax',
  'pricing',
  'exporter',
  'proxy',
] as const;

export type SuiteName = (typeof SUITE_NAMES)[number];

/** Iteration counts of every measurement. */
export interface BenchPlan {
  /**
   * Non-streaming calls: one iteration is one call. They are timed twice: after `warmupRounds`
   * (the JIT has not optimised everything yet), then again after `longWarmupRounds` more calls
   * of each variant (steady state); the ratios differ between the two.
   */
  calls: InterleavePlan & { longWarmupRounds: number };
  /** Streams of `chunks` chunks: one iteration is one whole stream. */
  streams: InterleavePlan & { chunks: number };
  /** Peak memory of one `chunks`-chunk stream per variant, repeated. */
  memory: { chunks: number; repetitions: number };
  /** Processes per variant of the per-promise-tax suite (each runs `streams` bare). */
  promiseTax: { processes: number };
  /** One iteration prices `batch` usages. */
  pricing: InterleavePlan & { batch: number };
  /** `POST /v1/metrics` of the same payload, per payload. */
  ingest: InterleavePlan;
  /** Series counts served on `/metrics`; scrapes per count shrink as the count grows. */
  exporter: {
    seriesCounts: number[];
    seriesRenderedPerServer: number;
    minRounds: number;
    warmupRounds: number;
  };
}

export const FULL_PLAN: BenchPlan = {
  calls: { warmupRounds: 100, rounds: 1000, longWarmupRounds: 2000 },
  streams: { warmupRounds: 15, rounds: 150, chunks: 200 },
  memory: { chunks: 10_000, repetitions: 3 },
  promiseTax: { processes: 3 },
  pricing: { warmupRounds: 5, rounds: 60, batch: 10_000 },
  ingest: { warmupRounds: 10, rounds: 100 },
  exporter: {
    seriesCounts: [1_000, 10_000, 100_000],
    seriesRenderedPerServer: 300_000,
    minRounds: 5,
    warmupRounds: 1,
  },
};

export const QUICK_PLAN: BenchPlan = {
  calls: { warmupRounds: 30, rounds: 200, longWarmupRounds: 2000 },
  streams: { warmupRounds: 5, rounds: 30, chunks: 200 },
  memory: { chunks: 10_000, repetitions: 1 },
  promiseTax: { processes: 2 },
  pricing: { warmupRounds: 2, rounds: 15, batch: 10_000 },
  ingest: { warmupRounds: 3, rounds: 20 },
  exporter: {
    seriesCounts: [1_000, 10_000, 100_000],
    seriesRenderedPerServer: 100_000,
    minRounds: 3,
    warmupRounds: 1,
  },
};

/** What the command line asked for. */
export interface BenchOptions {
  quick: boolean;
  suites: SuiteName[];
  /** Where the results are written as Markdown; `undefined` writes nothing. */
  resultsFile: string | undefined;
  help: boolean;
}

export const USAGE = `Usage: pnpm bench [--quick] [--only SUITE[,SUITE...]] [--results FILE | --no-results]

  --quick        fewer iterations (roughly half the time), same cases
  --only         run only these suites: ${SUITE_NAMES.join(', ')}
  --results      write the Markdown results here (default bench/RESULTS.md)
  --no-results   print the tables only`;

/** Thrown for a command line the benchmark does not understand; the message says what to type. */
export class BenchOptionsError extends Error {
  override name = 'BenchOptionsError';
}

function parseSuites(value: string | undefined): SuiteName[] {
  if (value === undefined || value === '') {
    throw new BenchOptionsError(`--only needs a comma-separated list of suites: ${SUITE_NAMES.join(', ')}.`);
  }
  return value.split(',').map((name) => {
    const suite = SUITE_NAMES.find((known) => known === name.trim());
    if (suite === undefined) {
      throw new BenchOptionsError(
        `--only: unknown suite "${name}"; expected one of ${SUITE_NAMES.join(', ')}.`,
      );
    }
    return suite;
  });
}

/** Parses the arguments after `pnpm bench`; `defaultResultsFile` is where results go unless told otherwise. */
export function parseBenchOptions(args: readonly string[], defaultResultsFile: string): BenchOptions {
  const options: BenchOptions = {
    quick: false,
    suites: [...SUITE_NAMES],
    resultsFile: defaultResultsFile,
    help: false,
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const [flag, inlineValue] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inlineValue ?? args[++index];
    switch (flag) {
      case '--':
        break;
      case '--quick':
        options.quick = true;
        break;
      case '--only':
        options.suites = parseSuites(value());
        break;
      case '--results': {
        const file = value();
        if (!file)
          throw new BenchOptionsError('--results needs a file name, e.g. --results /tmp/results.md.');
        options.resultsFile = file;
        break;
      }
      case '--no-results':
        options.resultsFile = undefined;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new BenchOptionsError(`unknown argument "${arg}".\n${USAGE}`);
    }
  }
  return options;
}
