import { type ChildProcess, fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stopChild } from './prometheus-process.js';
import { isWorkerMessage, type WorkerConfig, type WorkloadCounts } from './workload/worker-protocol.js';
import type { SdkName } from './workload/workload-mix.js';

/** How one workload process ended. */
export interface WorkloadExit {
  sdk: SdkName;
  /** The exit code, or the signal's name when it was killed. */
  exit: number | string;
  counts: WorkloadCounts;
}

/** How long a workload process gets to settle its requests and flush (its grace period is 5 s). */
export const STOP_TIMEOUT_MS = 20_000;

/** The running workload processes, one per SDK. */
export interface WorkloadProcesses {
  /** Requests sent so far, by SDK. */
  counts(): Record<string, WorkloadCounts>;
  /** Asks every process to stop and flush; kills the ones still running after {@link STOP_TIMEOUT_MS}. */
  stop(): Promise<WorkloadExit[]>;
  /** Kills every process at once (SIGKILL): no flush. */
  kill(): void;
  /** Settles when the first process exits on its own (a crash: the demo did not ask it to stop). */
  readonly firstUnexpectedExit: Promise<WorkloadExit>;
}

/**
 * Forks one workload process per configuration. Their output lines go to `onLine`, prefixed by
 * the caller; their counts arrive over IPC.
 */
export function startWorkloadProcesses(
  workerPath: string,
  configs: readonly WorkerConfig[],
  onLine: (sdk: SdkName, line: string) => void,
): WorkloadProcesses {
  const counts: Record<string, WorkloadCounts> = {};
  let stopping = false;
  const children = configs.map((config) => {
    counts[config.sdk] = { sent: 0, succeeded: 0, failed: 0 };
    const child = fork(workerPath, [JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => onLine(config.sdk, line));
    }
    child.on('message', (message) => {
      if (!isWorkerMessage(message)) return;
      counts[config.sdk] =
        message.type === 'stopped'
          ? message.counts
          : { sent: message.sent, succeeded: message.succeeded, failed: message.failed };
    });
    const exited = new Promise<WorkloadExit>((resolve) =>
      child.once('exit', (code, signal) =>
        resolve({
          sdk: config.sdk,
          exit: code ?? signal ?? 'unknown',
          counts: counts[config.sdk] as WorkloadCounts,
        }),
      ),
    );
    return { child, exited };
  });
  const firstUnexpectedExit = Promise.race(
    children.map(({ exited }) =>
      exited.then((exit) => (stopping ? new Promise<WorkloadExit>(() => {}) : exit)),
    ),
  );
  return {
    counts: () => structuredClone(counts),
    kill: () => {
      stopping = true;
      for (const { child } of children) child.kill('SIGKILL');
    },
    firstUnexpectedExit,
    stop: async () => {
      stopping = true;
      for (const { child } of children) askToStop(child);
      const timers = children.map(({ child }) =>
        setTimeout(() => void stopChild(child, 2000), STOP_TIMEOUT_MS),
      );
      const exits = await Promise.all(children.map(({ exited }) => exited));
      for (const timer of timers) clearTimeout(timer);
      return exits;
    },
  };
}

function askToStop(child: ChildProcess): void {
  if (child.connected) child.send({ type: 'stop' });
  else if (child.exitCode === null) child.kill('SIGTERM');
}
