import type { GroqOperationName, OperationStart } from '../src/types.js';

/** Start of every test operation: a fixed instant, so that durations and prices are exact. */
export const T0 = Date.parse('2026-11-21T10:00:00.000Z');
export const MODEL = 'openai/gpt-oss-20b';
const SERVER = { serverAddress: 'api.groq.com', serverPort: 443 };
export const SEMCONV = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'groq',
  'gen_ai.request.model': MODEL,
  'server.address': 'api.groq.com',
  'server.port': 443,
};
export const RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit-requests': '14400',
  'x-ratelimit-limit-tokens': '18000',
  'x-ratelimit-remaining-requests': '14370',
  'x-ratelimit-remaining-tokens': '17997',
  'x-ratelimit-reset-requests': '2m59.56s',
  'x-ratelimit-reset-tokens': '7.66s',
};
/** 1000 prompt tokens of which 200 cached, 500 completion tokens of which 100 reasoning. */
export const USAGE = { inputTokens: 1000, cachedInputTokens: 200, outputTokens: 500, reasoningTokens: 100 };
export const OPERATION_SECONDS_BOUNDARIES = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

export function chatStart(overrides: Partial<OperationStart> = {}): OperationStart {
  return {
    operation: 'chat',
    source: 'groq-sdk',
    requestModel: MODEL,
    startTime: T0,
    ...SERVER,
    ...overrides,
  };
}

/** The start of a test operation other than chat, at {@link T0}. */
export function operationStart(operation: GroqOperationName, requestModel?: string): OperationStart {
  return { operation, source: 'groq-sdk', requestModel, startTime: T0 };
}

/** Bucket counts with a single observation in the bucket at `index`. */
export function oneIn(index: number, buckets = 15): number[] {
  return Array.from({ length: buckets }, (_, i) => (i === index ? 1 : 0));
}

/** Groq's `CompletionUsage` as it arrives on the wire, and what the readers make of it. */
export const WIRE_USAGE = {
  prompt_tokens: 1200,
  completion_tokens: 310,
  total_tokens: 1510,
  prompt_tokens_details: { cached_tokens: 1024 },
  completion_tokens_details: { reasoning_tokens: 96 },
  queue_time: 0.0123,
  prompt_time: 0.045,
  completion_time: 0.62,
  total_time: 0.665,
};
export const WIRE_USAGE_FACTS = {
  inputTokens: 1200,
  outputTokens: 310,
  cachedInputTokens: 1024,
  reasoningTokens: 96,
};
export const WIRE_SERVER_TIMING = {
  queueTime: 0.0123,
  promptTime: 0.045,
  completionTime: 0.62,
  totalTime: 0.665,
};
