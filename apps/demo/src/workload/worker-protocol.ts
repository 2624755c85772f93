import type { SdkName } from './workload-mix.js';

/** What the demo hands a workload process (as one JSON argument). */
export interface WorkerConfig {
  sdk: SdkName;
  /** The `service.name` resource attribute, which the exporter turns into the `job` label. */
  serviceName: string;
  seed: number;
  /** Requests per second this process sends. */
  rate: number;
  /** Groq's base URL for groq-sdk and ChatGroq (`http://127.0.0.1:port`); the SDK default when absent. */
  groqBaseURL?: string;
  /** Groq's OpenAI-compatible base URL for `@ai-sdk/groq`; the SDK default when absent. */
  openaiBaseURL?: string;
  /** Ask the simulator for 429s (never sent to the real Groq). */
  injectFaults: boolean;
  /** Where metrics go: the exporter's OTLP/HTTP metrics endpoint (`.../v1/metrics`). */
  otlpMetricsUrl: string;
  exportIntervalMs: number;
}

/** Requests a workload process has sent, and how they ended. */
export interface WorkloadCounts {
  sent: number;
  succeeded: number;
  failed: number;
}

/** Messages from a workload process to the demo. */
export type WorkerMessage =
  | ({ type: 'progress' } & WorkloadCounts)
  | { type: 'stopped'; counts: WorkloadCounts };

/** Messages from the demo to a workload process. */
export interface StopMessage {
  type: 'stop';
}

/** Narrows an IPC message from a workload process. */
export function isWorkerMessage(message: unknown): message is WorkerMessage {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'progress' || type === 'stopped';
}

/** Narrows an IPC message from the demo. */
export function isStopMessage(message: unknown): message is StopMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'stop';
}
