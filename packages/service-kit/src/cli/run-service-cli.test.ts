import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { type RunningService, runServiceCli, type ServiceCli } from './run-service-cli.js';

class DemoConfigError extends Error {}

/** A command whose config is its arguments and whose service records its closing. */
function demoCli(overrides: Partial<ServiceCli<readonly string[], RunningService>> = {}) {
  const closed = vi.fn(async () => {});
  const cli: ServiceCli<readonly string[], RunningService> = {
    program: 'demo-service',
    version: '1.2.3',
    usage: 'Usage: demo-service [flags]\n',
    loadConfig: (argv) => {
      if (argv.includes('--bad')) throw new DemoConfigError('--bad: expected nothing');
      return argv;
    },
    start: async () => ({ close: closed }),
    explainFailure: (error) => (error instanceof DemoConfigError ? error.message : undefined),
    ...overrides,
  };
  return { cli, closed };
}

let stdout: string[];
let stderr: string[];
let exit: MockInstance<typeof process.exit>;
let signalListeners: Record<'SIGINT' | 'SIGTERM', NodeJS.SignalsListener[]>;

beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => stdout.push(String(text)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => stderr.push(String(text)) > 0);
  exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
    }
  }
});

/** Lets the command reach its wait for a signal. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('runServiceCli', () => {
  it.each([['--help'], ['-h']])(
    '%s prints the usage and exits 0 before reading any setting',
    async (flag) => {
      await runServiceCli(demoCli().cli, ['--bad', flag]);
      expect([stdout.join(''), stderr, process.exitCode]).toEqual(['Usage: demo-service [flags]\n', [], 0]);
    },
  );

  it('--version prints the version and exits 0', async () => {
    await runServiceCli(demoCli().cli, ['--version']);
    expect([stdout.join(''), process.exitCode]).toEqual(['1.2.3\n', 0]);
  });

  it('prints a configuration the user can fix after the program name and exits 2', async () => {
    await runServiceCli(demoCli().cli, ['--bad']);
    expect([stderr.join(''), process.exitCode]).toEqual(['demo-service: --bad: expected nothing\n', 2]);
  });

  it('tells explainFailure where the failure happened; a start the user can fix exits 2 too', async () => {
    const explainFailure = vi.fn((error: unknown, stage: string) => `${stage}: ${(error as Error).message}`);
    const { cli } = demoCli({
      start: async () => {
        throw new Error('port 8787 is in use');
      },
      explainFailure,
    });
    await runServiceCli(cli, []);
    expect(explainFailure).toHaveBeenCalledWith(expect.any(Error), 'start');
    expect([stderr.join(''), process.exitCode]).toEqual(['demo-service: start: port 8787 is in use\n', 2]);
  });

  it('prints any other error the same way and exits 1', async () => {
    const { cli } = demoCli({
      loadConfig: () => {
        throw new TypeError('a bug');
      },
    });
    await runServiceCli(cli, []);
    expect([stderr.join(''), process.exitCode]).toEqual(['demo-service: a bug\n', 1]);
  });

  it.each([['SIGINT'], ['SIGTERM']] as const)(
    'runs until %s closes the service, then exits 0',
    async (signal) => {
      const { cli, closed } = demoCli();
      let done = false;
      const run = runServiceCli(cli, []).then(() => {
        done = true;
      });
      await settle();
      expect([done, closed.mock.calls.length]).toEqual([false, 0]);
      process.emit(signal);
      await run;
      expect([closed.mock.calls.length, process.exitCode, exit.mock.calls]).toEqual([1, 0, []]);
    },
  );

  it('exits 1 at once on a second signal while the service closes', async () => {
    const { cli } = demoCli({ start: async () => ({ close: () => new Promise<void>(() => {}) }) });
    void runServiceCli(cli, []);
    await settle();
    process.emit('SIGTERM');
    expect(exit).not.toHaveBeenCalled();
    process.emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(1);
  });
});
