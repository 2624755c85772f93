import { parseArgs } from 'node:util';
import { parseDuration } from './duration.js';

/** The demo's command-line options, after validation. */
export interface DemoOptions {
  /** Stop after this many seconds and print the summary; run until Ctrl-C when undefined. */
  durationSeconds?: number;
  /** Seed of the workload plan and of the simulator (the same seed sends the same requests). */
  seed: number;
  /** Requests per second over all SDKs; undefined picks the default for the target. */
  rate?: number;
  /** Start Prometheus when a `prometheus` binary is on the PATH. */
  prometheus: boolean;
  exporterOtlpPort: number;
  exporterMetricsPort: number;
  prometheusPort: number;
  /** The exporter's budgets file; undefined: the demo's own (`apps/demo/budgets.yaml`). */
  budgetsFile?: string;
  help: boolean;
}

/** A command-line mistake: the message says what was wrong and what is accepted. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The `--help` text. */
export const USAGE = `Usage: pnpm start [-- options]

Starts the Groq simulator (or uses the real Groq when GROQ_API_KEY is set), the groqmeter
exporter, Prometheus (when installed) and a workload through groq-sdk, LangChain and the AI SDK.

Options:
  --duration <time>              stop after this long and print the summary (60, 20s, 1m30s);
                                 without it the demo runs until Ctrl-C
  --seed <n>                     workload and simulator seed (default 42)
  --rate <n>                     requests per second over all SDKs (default 3; 0.3 against real Groq)
  --no-prometheus                do not start Prometheus even when it is installed
  --exporter-otlp-port <port>    exporter OTLP/HTTP port (default 4318)
  --exporter-metrics-port <port> exporter /metrics port (default 9464)
  --prometheus-port <port>       Prometheus UI port (default 9090)
  --budgets <file>               the exporter's budgets file (default apps/demo/budgets.yaml,
                                 sized so that a budget warning fires within minutes)
  --help                         show this text`;

/**
 * Parses the demo's arguments. Bare `--` separators are dropped first: `pnpm start -- --duration 60`
 * hands them through.
 *
 * @throws UsageError for unknown flags and values out of range.
 */
export function parseDemoOptions(argv: readonly string[]): DemoOptions {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv.filter((arg) => arg !== '--'));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const options: DemoOptions = {
    seed: integerOption('--seed', values.seed, 42, 0, 2 ** 32 - 1),
    prometheus: !values['no-prometheus'],
    exporterOtlpPort: integerOption('--exporter-otlp-port', values['exporter-otlp-port'], 4318, 1, 65_535),
    exporterMetricsPort: integerOption(
      '--exporter-metrics-port',
      values['exporter-metrics-port'],
      9464,
      1,
      65_535,
    ),
    prometheusPort: integerOption('--prometheus-port', values['prometheus-port'], 9090, 1, 65_535),
    help: values.help ?? false,
  };
  if (values.budgets !== undefined) options.budgetsFile = values.budgets;
  if (values.duration !== undefined) {
    try {
      options.durationSeconds = parseDuration(values.duration);
    } catch (error) {
      throw new UsageError(`--duration: ${(error as Error).message}`);
    }
  }
  if (values.rate !== undefined) {
    const rate = Number(values.rate);
    if (!(rate > 0 && rate <= 100)) {
      throw new UsageError(
        `--rate "${values.rate}" is not a request rate: expected a number of requests per second above 0 and at most 100`,
      );
    }
    options.rate = rate;
  }
  const ports = [options.exporterOtlpPort, options.exporterMetricsPort, options.prometheusPort];
  if (new Set(ports).size !== ports.length) {
    throw new UsageError(
      `the exporter OTLP port (${options.exporterOtlpPort}), the exporter /metrics port (${options.exporterMetricsPort}) and the Prometheus port (${options.prometheusPort}) must all differ`,
    );
  }
  return options;
}

function parseFlags(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      duration: { type: 'string' },
      seed: { type: 'string' },
      rate: { type: 'string' },
      'no-prometheus': { type: 'boolean' },
      'exporter-otlp-port': { type: 'string' },
      'exporter-metrics-port': { type: 'string' },
      'prometheus-port': { type: 'string' },
      budgets: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function integerOption(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} "${text}" is out of range: expected a whole number from ${min} to ${max}`);
  }
  return value;
}
