import type { FaultKind, OperationStats, SimulatorOperation, SimulatorStats } from './types';

/** The model key of requests that name no usable model. */
export const NO_MODEL = '(none)';

/** Groq bills every transcription or translation as at least this many seconds. */
export const MINIMUM_BILLED_AUDIO_SECONDS = 10;

/** Token counts of one answer whose usage reached the client. */
export interface ServedTokens {
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  reasoningTokens: number;
}

function emptyStats(): OperationStats {
  return {
    requests: {},
    promptTokens: 0,
    cachedTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    audioSeconds: 0,
    audioBilledSeconds: 0,
    speechCharacters: 0,
    toolCalls: {},
    batchRequests: 0,
    faults: {},
    clientAborts: 0,
  };
}

/** Accumulates what the simulator served, per model and operation. */
export class StatsRecorder {
  private models: SimulatorStats['models'] = {};

  response(model: string | undefined, operation: SimulatorOperation, status: number): void {
    const entry = this.entry(model, operation);
    const key = String(status);
    entry.requests[key] = (entry.requests[key] ?? 0) + 1;
  }

  tokens(model: string, operation: SimulatorOperation, tokens: ServedTokens): void {
    const entry = this.entry(model, operation);
    entry.promptTokens += tokens.promptTokens;
    entry.cachedTokens += tokens.cachedTokens;
    entry.completionTokens += tokens.completionTokens;
    entry.reasoningTokens += tokens.reasoningTokens;
  }

  audio(model: string, operation: SimulatorOperation, seconds: number): void {
    const entry = this.entry(model, operation);
    entry.audioSeconds += seconds;
    entry.audioBilledSeconds += Math.max(MINIMUM_BILLED_AUDIO_SECONDS, seconds);
  }

  /** One built-in tool call (`executed_tools[].type` or a Responses API tool item) that reached the client. */
  toolCall(model: string, operation: SimulatorOperation, type: string): void {
    const entry = this.entry(model, operation);
    entry.toolCalls[type] = (entry.toolCalls[type] ?? 0) + 1;
  }

  /** One batch line answered with 200. */
  batchRequest(model: string): void {
    this.entry(model, 'batch').batchRequests += 1;
  }

  speech(model: string, characters: number): void {
    this.entry(model, 'speech').speechCharacters += characters;
  }

  fault(model: string | undefined, operation: SimulatorOperation, kind: FaultKind): void {
    const entry = this.entry(model, operation);
    entry.faults[kind] = (entry.faults[kind] ?? 0) + 1;
  }

  clientAbort(model: string | undefined, operation: SimulatorOperation): void {
    this.entry(model, operation).clientAborts += 1;
  }

  snapshot(): SimulatorStats {
    return { models: structuredClone(this.models) };
  }

  reset(): void {
    this.models = {};
  }

  private entry(model: string | undefined, operation: SimulatorOperation): OperationStats {
    const key = model ?? NO_MODEL;
    const byOperation = this.models[key] ?? {};
    this.models[key] = byOperation;
    let entry = byOperation[operation];
    if (!entry) {
      entry = emptyStats();
      byOperation[operation] = entry;
    }
    return entry;
  }
}
