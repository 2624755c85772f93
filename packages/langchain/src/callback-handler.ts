import { createRecorder, field, type Recorder } from '@groqmeter/recorder';
import {
  BaseCallbackHandler,
  type HandleLLMNewTokenCallbackFields,
  type NewTokenIndices,
} from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import { llmResultFacts } from './llm-result.js';
import { RunRegistry } from './run-registry.js';
import { DEFAULT_METADATA_KEYS, isGroqRun, operationStartFromRun } from './run-start.js';
import type { GroqmeterCallbackHandlerOptions } from './types.js';

const registries = new WeakMap<object, RunRegistry>();

/** The runs of a groqmeter handler, or undefined for any other handler (used by `instrumentChatGroq`). */
export function runRegistryOf(handler: unknown): RunRegistry | undefined {
  return typeof handler === 'object' && handler !== null ? registries.get(handler) : undefined;
}

/** Whether a streamed chunk carries output: text, or a tool-call delta (whose text is empty). */
function carriesOutput(token: string, fields: HandleLLMNewTokenCallbackFields | undefined): boolean {
  if (token.length > 0) return true;
  const toolCallChunks = field(field(fields?.chunk, 'message'), 'tool_call_chunks');
  return Array.isArray(toolCallChunks) && toolCallChunks.length > 0;
}

/**
 * A LangChain callback handler that records every ChatGroq run (invoke, stream, batch, tool
 * calls, agent steps) as one groqmeter operation: tokens, cost, duration, time to first token,
 * Groq's server timings, finish reasons and errors. Runs of other providers are ignored.
 *
 * Attach it per call (`invoke(input, { callbacks: [handler] })`), per model
 * (`new ChatGroq({ callbacks: [handler] })`) or globally; wrap the model with `instrumentChatGroq`
 * to also get rate-limit headers of successful calls, every retried 429, and de-duplication
 * against `@groqmeter/instrumentation-groq`.
 *
 * Callbacks are awaited (`awaitHandlers`), so durations and time to first token are exact.
 */
export class GroqmeterCallbackHandler extends BaseCallbackHandler {
  name = 'groqmeter';
  private readonly metadataKeys: readonly string[];
  private readonly runs: RunRegistry;

  constructor(options: GroqmeterCallbackHandlerOptions = {}) {
    super({ _awaitHandler: true });
    this.awaitHandlers = true;
    this.metadataKeys = options.metadataKeys ?? DEFAULT_METADATA_KEYS;
    let recorder: Recorder | undefined;
    this.runs = new RunRegistry(() => {
      recorder ??= options.recorder ?? createRecorder(options);
      return recorder;
    });
    registries.set(this, this.runs);
  }

  /** The same handler: its in-flight runs and recorder are shared state, not configuration. */
  override copy(): this {
    return this;
  }

  override handleChatModelStart(
    llm: Serialized,
    _messages: BaseMessage[][],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    const run = { llm, extraParams, tags, metadata, runName, runId };
    if (!isGroqRun(run)) return;
    const streamingOption = field(field(extraParams, 'invocation_params'), 'stream') === true;
    // LangChain hands the call options over, its abort signal included.
    const signal = field(field(extraParams, 'options'), 'signal');
    this.runs.begin(runId, operationStartFromRun(run, this.metadataKeys), streamingOption, signal);
  }

  override handleLLMNewToken(
    token: string,
    _idx: NewTokenIndices,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    fields?: HandleLLMNewTokenCallbackFields,
  ): void {
    this.runs.chunk(runId, fields?.chunk, carriesOutput(token, fields));
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    this.runs.end(runId, () => llmResultFacts(output));
  }

  override handleLLMError(error: Error, runId: string): void {
    this.runs.fail(runId, error);
  }
}
