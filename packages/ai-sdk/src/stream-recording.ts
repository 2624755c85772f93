import {
  type ChatCompletionFacts,
  field,
  type OperationHandle,
  type OperationResult,
  readChatCompletionFacts,
  stringField,
} from '@groqmeter/recorder';
import { isAbort } from './abort.js';
import { finishReasonsOf } from './finish-reason.js';
import { withGroqBodyFacts } from './groq-body.js';
import { usageFromLanguageModelUsage } from './language-model-usage.js';
import { observeStream, type StreamObserver } from './observe-stream.js';

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
  private finishReasons: string[] | undefined;
  private usage: OperationResult['usage'];
  /** Groq's fields of the raw chunks, a later chunk's winning (the last one carries the usage). */
  private readonly body: ChatCompletionFacts = {};

  responseMetadata(part: unknown): void {
    this.responseId ??= stringField(part, 'id');
    this.responseModel ??= stringField(part, 'modelId');
  }

  /** A Groq chunk. Most carry only a delta: `x_groq` rides on the first and the last, with the usage. */
  rawChunk(rawValue: unknown): void {
    if (field(rawValue, 'x_groq') === undefined && field(rawValue, 'usage') == null) return;
    Object.assign(this.body, readChatCompletionFacts(rawValue));
  }

  finished(part: unknown): void {
    this.usage = usageFromLanguageModelUsage(field(part, 'usage'));
    this.finishReasons = finishReasonsOf(field(part, 'finishReason'));
  }

  result(): OperationResult {
    return withGroqBodyFacts(
      {
        responseId: this.responseId,
        responseModel: this.responseModel,
        finishReasons: this.finishReasons,
        usage: this.usage,
      },
      this.body,
    );
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
      // One switch on the part's type: this runs for every part of every stream.
      switch (field(part, 'type')) {
        case 'text-delta':
        case 'reasoning-delta':
        case 'tool-input-delta': {
          // Output deltas time the first and each later chunk; an empty delta carries no output.
          const delta = field(part, 'delta');
          if (typeof delta === 'string' && delta.length > 0) handle.chunk();
          return true;
        }
        case 'raw':
          facts.rawChunk(field(part, 'rawValue'));
          return !options.dropRawParts;
        case 'response-metadata':
          facts.responseMetadata(part);
          return true;
        case 'error':
          streamError ??= { error: field(part, 'error') };
          return true;
        case 'finish':
          facts.finished(part);
          settle();
          return true;
        default:
          return true;
      }
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
