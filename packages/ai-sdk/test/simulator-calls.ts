import {
  CALL_ID_HEADER,
  COMPLETION_TOKENS_HEADER,
  FAULT_COUNT_HEADER,
  FAULT_HEADER,
  RETRY_AFTER_HEADER,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '@groqmeter/groq-simulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** The model every AI SDK test calls on the Groq simulator. */
export const MODEL = 'openai/gpt-oss-20b';
/** The `model` and `operation` labels of its calls. */
export const labels = { model: MODEL, operation: 'chat', provider: 'groq' };

/** One Groq simulator for a test file, reset before every test; read it inside tests. */
export function useGroqSimulator(options: SimulatorOptions = {}): () => RunningSimulator {
  let simulator: RunningSimulator | undefined;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, ...options });
  });
  afterAll(() => simulator?.close());
  beforeEach(() => simulator?.reset());
  return () => {
    if (simulator === undefined) throw new Error('the simulator runs from beforeAll to afterAll');
    return simulator;
  };
}

/** Request headers asking the simulator for exactly this many completion tokens. */
export function completionTokens(count: number): Record<string, string> {
  return { [COMPLETION_TOKENS_HEADER]: String(count) };
}

/** Request headers making the simulator fail `count` times with `kind`, then answer (`retry-after: 0`). */
export function fault(kind: '429' | '500', count: number, callId: string): Record<string, string> {
  return {
    [FAULT_HEADER]: kind,
    [FAULT_COUNT_HEADER]: String(count),
    [CALL_ID_HEADER]: callId,
    [RETRY_AFTER_HEADER]: '0',
  };
}

/**
 * The `groq.tokens` points of one answer of the simulator's gpt-oss-20b (nothing cached; all
 * output tokens but one are reasoning), sorted by attributes as the tests read them.
 */
export function tokenPoints(
  inputTokens: number,
  outputTokens: number,
  attribution: Record<string, string> = {},
) {
  const attributes = (type: string) => ({ ...attribution, ...labels, type });
  return [
    { attributes: attributes('cached_input'), value: 0 },
    { attributes: attributes('input'), value: inputTokens },
    { attributes: attributes('output'), value: outputTokens },
    { attributes: attributes('reasoning'), value: outputTokens - 1 },
  ];
}
