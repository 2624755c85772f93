/** A started service: it runs until {@link RunningService.close} has finished. */
export interface RunningService {
  /** Stops gracefully: no new work, work in flight finishes, resources closed. */
  close(): Promise<void>;
}

/** Where a failure of the start happened, for {@link ServiceCli.explainFailure}. */
export type FailureStage = 'config' | 'start';

/** A service's command line: its texts and how it reads its configuration and starts. */
export interface ServiceCli<C, S extends RunningService> {
  /** The command's name, in front of every message it prints (`groqmeter-proxy: …`). */
  program: string;
  /** Printed by `--version`. */
  version: string;
  /** Printed by `--help` (or `-h`), as it is. */
  usage: string;
  /** Reads the configuration from the arguments after the program name and the environment. */
  loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): C;
  /** Starts the service; the command runs until a signal has closed it. */
  start(config: C): Promise<S>;
  /**
   * The message of a failure the user can fix (a wrong setting, a file that cannot be used),
   * printed after `program: ` with exit code 2; undefined for any other error, which is printed
   * the same way with exit code 1.
   */
  explainFailure(error: unknown, stage: FailureStage): string | undefined;
}

/**
 * Runs a service as a command: `--help`/`-h` and `--version` print and exit 0 (wherever they stand
 * in `argv`); a configuration or start the user can fix exits 2 with its message on stderr; then
 * the service runs until SIGINT or SIGTERM closes it gracefully (exit 0), and a second signal while
 * it closes exits 1 at once. Any other error exits 1 with its message. The exit code is set on
 * `process.exitCode`, so the process ends once nothing is left to run.
 *
 * @param argv the arguments after the program name; `process.argv.slice(2)` by default.
 * @returns a promise settled when the command is done (the exit code set), never rejected.
 */
export function runServiceCli<C, S extends RunningService>(
  cli: ServiceCli<C, S>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  return main(cli, argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${cli.program}: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}

async function main<C, S extends RunningService>(
  cli: ServiceCli<C, S>,
  argv: readonly string[],
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(cli.usage);
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${cli.version}\n`);
    return 0;
  }
  let config: C;
  try {
    config = cli.loadConfig(argv, process.env);
  } catch (error) {
    return refuse(cli, error, 'config');
  }
  let service: S;
  try {
    service = await cli.start(config);
  } catch (error) {
    return refuse(cli, error, 'start');
  }
  await closeOnSignal(service);
  return 0;
}

/** Prints a failure the user can fix and returns exit code 2; rethrows any other. */
function refuse<C, S extends RunningService>(
  cli: ServiceCli<C, S>,
  error: unknown,
  stage: FailureStage,
): number {
  const message = cli.explainFailure(error, stage);
  if (message === undefined) throw error;
  process.stderr.write(`${cli.program}: ${message}\n`);
  return 2;
}

/** Resolves once the first SIGINT or SIGTERM has closed the service. */
function closeOnSignal(service: RunningService): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      // A second signal while draining stops at once.
      process.once('SIGINT', () => process.exit(1));
      process.once('SIGTERM', () => process.exit(1));
      void service.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
