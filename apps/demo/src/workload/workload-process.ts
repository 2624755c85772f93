import { createAiSdkDriver } from './ai-sdk-driver.js';
import { createGroqSdkDriver } from './groq-sdk-driver.js';
import { createLangChainDriver } from './langchain-driver.js';
import { SIMULATOR_API_KEY } from './simulator-setup.js';
import type { WorkerConfig, WorkerMessage } from './worker-protocol.js';
import { startWorkerTelemetry } from './worker-telemetry.js';
import type { SdkName } from './workload-mix.js';
import { planWorkload } from './workload-plan.js';
import { type StepDriver, WorkloadRunner } from './workload-runner.js';

const DRIVERS: Record<SdkName, (config: WorkerConfig, apiKey: string) => StepDriver> = {
  'groq-sdk': createGroqSdkDriver,
  langchain: createLangChainDriver,
  'ai-sdk': createAiSdkDriver,
};

/**
 * Sends one SDK's share of the demo traffic as its own service, reporting counts to the demo over
 * IPC. Returns the stop function: it settles the steps in flight, flushes the metrics, tells the
 * demo the final counts and exits the process with 0.
 */
export function startWorkloadProcess(config: WorkerConfig): () => Promise<void> {
  const telemetry = startWorkerTelemetry(config);
  const reportedErrors = new Set<string>();
  const runner = new WorkloadRunner({
    plan: planWorkload(config.sdk, config.seed),
    driver: DRIVERS[config.sdk](config, process.env.GROQ_API_KEY || SIMULATOR_API_KEY),
    rate: config.rate,
    onSettled: (counts) => send({ type: 'progress', ...counts }),
    onError: (step, error) => {
      // One line per kind of failure (messages differ in counters): the counts carry the rest.
      const kind = `${step.kind} ${step.model} ${errorClass(error)}`;
      if (reportedErrors.has(kind)) return;
      reportedErrors.add(kind);
      console.error(
        `${step.kind} ${step.model} failed: ${describeError(error)} (repeats are counted, not printed)`,
      );
    },
  });
  runner.start();

  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      const counts = await runner.stop();
      await telemetry.shutdown();
      await send({ type: 'stopped', counts });
      // Keep-alive sockets of the SDKs would hold the process open; everything is flushed by now.
      process.exit(0);
    })();
    return stopping;
  };
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.connected && process.send) process.send(message, undefined, {}, () => resolve());
    else resolve();
  });
}

/** Error name and HTTP status, e.g. `RateLimitError 429`. */
function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  return code === undefined ? error.name : `${error.name} ${code}`;
}

/** {@link errorClass} and the first line of the message; never request content. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${errorClass(error)}: ${(error.message.split('\n')[0] ?? '').slice(0, 200)}`;
}
