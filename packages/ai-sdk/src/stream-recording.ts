import {
  definedOnly,
  field,
  type OperationHandle,
  type OperationResult,
  stringField,
} from '@groqmeter/recorder';
import { isAbort } from './abort.js';
import { finishReasonsOf } from './finish-reason.js';
import { type GroqBodyFacts, groqBodyFacts } from './groq-body.js';
import { mergedUsage, usageFromLanguageModelUsage } from './language-model-usage.js';
import { observeStream, type StreamObserver } from './observe-stream.js';

/** Stream parts that carry generated output: the ones that time the first and each later chunk. */
const OUTPUT_DELTA_TYPES: ReadonlySet<string> = new Set([
  'text-delta',
  'reasoning-delta',
  'tool-input-delta',
]);

/** Options of {@link recordStream}. */
export interface StreamRecordingOptions {
  /** groqmeter asked for `raw` parts itself (for Groq's timings): keep them from the consumer. */
  dropRawParts: boolean;
  abortSignal: AbortSignal | undefined;
}

/** The facts of one streamed model call, collected part by part without keeping the parts. */
class StreamFacts {
  private responseId: string | undefined;
  private responseModel: string | undefined;
  private finish: Pick<OperationResult, 'usage' | 'finishReasons'> = {};
  private body: GroqBodyFacts = {};

  responseMetadata(part: unknown): void {
    this.responseId ??= stringField(part, 'id');
    this.responseModel ??= stringField(part, 'modelId');
  }

  /** A Groq chunk. Most carry only a delta: `x_groq` rides on the first and the last, with the usage. */
  rawChunk(rawValue: unknown): void {
    if (field(rawValue, 'x_groq') === undefined && field(rawValue, 'usage') == null) return;
    this.body = { ...this.body, ...groqBodyFacts(rawValue) };
  }

  finished(part: unknown): void {
    this.finish = definedOnly({
      usage: usageFromLanguageModelUsage(field(part, 'usage')),
      finishReasons: finishReasonsOf(field(part, 'finishReason')),
    });
  }

  result(): OperationResult {
    return definedOnly({
      responseId: this.responseId,
      responseModel: this.responseModel,
      ...this.finish,
      ...this.body,
      usage: mergedUsage(this.finish.usage, this.body.usage),
    });
  }
}

/**
 * The consumer's copy of a model stream, recording it as `handle`'s operation while it is read:
 * each output delta is a chunk (the first sets the time to first chunk), the `finish` part ends
 * the operation with its usage, an `error` part makes it fail (with whatever usage still
 * arrives), a failing source fails it, and a consumer that cancels early abandons it. The
 * recorder takes only the first of these outcomes.
 */
export function recordStream<T>(
  stream: ReadableStream<T>,
  handle: OperationHandle,
  options: StreamRecordingOptions,
): ReadableStream<T> {
  const facts = new StreamFacts();
  let streamError: { error: unknown } | undefined;
  const settle = (): void => {
    if (streamError === undefined) handle.end(facts.result());
    else handle.fail({ error: streamError.error, partial: facts.result() });
  };
  const observer: StreamObserver<T> = {
    part(part) {
      const type = field(part, 'type');
      if (typeof type === 'string' && OUTPUT_DELTA_TYPES.has(type)) {
        if (stringField(part, 'delta') !== undefined) handle.chunk();
      } else if (type === 'response-metadata') {
        facts.responseMetadata(part);
      } else if (type === 'raw') {
        facts.rawChunk(field(part, 'rawValue'));
        return !options.dropRawParts;
      } else if (type === 'error') {
        streamError ??= { error: field(part, 'error') };
      } else if (type === 'finish') {
        facts.finished(part);
        settle();
      }
      return true;
    },
    done: settle,
    error(error) {
      if (isAbort(error, options.abortSignal)) handle.abandon();
      else handle.fail({ error, partial: facts.result() });
    },
    cancel() {
      if (streamError === undefined) handle.abandon();
      else settle();
    },
  };
  return observeStream(stream, observer);
}
