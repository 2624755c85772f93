import type { CallDescription } from '@groqmeter/recorder';
import {
  type AttemptFacts,
  DROPPED_REASON_VALUE_RECORDER_ERROR,
  type OperationHandle,
  type OperationResult,
  type Recorder,
} from '@groqmeter/recorder';
import { diag } from '@opentelemetry/api';

/**
 * One SDK call being recorded: the recorder's handle plus the description of the call. Every
 * method is safe: a failure while extracting or recording facts is counted as
 * `groqmeter_dropped_total{reason="recorder_error"}` and never reaches the caller.
 */
export class ObservedCall {
  constructor(
    private readonly recorder: Recorder,
    readonly handle: OperationHandle,
    readonly description: CallDescription,
  ) {}

  /** An HTTP attempt answered (or failed to connect, with no status). */
  attempt(facts: AttemptFacts): void {
    this.safely(() => this.handle.attempt(facts));
  }

  /** A streamed chunk arrived: collect its facts and time it when it carries output. */
  chunk(chunk: unknown): void {
    // Inlined rather than through `safely`: a closure per chunk is measurable on long streams.
    try {
      if (this.description.streamFacts?.observe(chunk)) this.handle.chunk();
    } catch (error) {
      this.reportFailure(error);
    }
  }

  /** The call succeeded with this parsed body; see {@link ObservedCall.end} for the result. */
  succeed(body: unknown): Promise<void> | undefined {
    return this.endWith(this.description.result, body);
  }

  /**
   * End with the result facts `resultOf` computes (run here, its throws counted, not rethrown);
   * see {@link ObservedCall.end}.
   */
  finish(resultOf: () => OperationResult | Promise<OperationResult>): Promise<void> | undefined {
    return this.endWith(resultOf, undefined);
  }

  /** Computes the result facts from `input` (a throw is counted, not rethrown), then ends. */
  private endWith<Input>(
    resultOf: (input: Input) => OperationResult | Promise<OperationResult>,
    input: Input,
  ): Promise<void> | undefined {
    let result: OperationResult | Promise<OperationResult>;
    try {
      result = resultOf.call(this.description, input);
    } catch (error) {
      this.reportFailure(error);
      return undefined;
    }
    return this.end(result);
  }

  /**
   * End with these result facts. They may need async work (reading an audio header): the end
   * time is then taken now, when the caller got the answer, and the returned promise settles
   * (never rejects) once the operation has ended, so that the SDK can hand the caller its answer
   * only then and a flush right after the call includes the span. A plain call with a closure
   * less than `safely`: it runs on every call.
   */
  private end(result: OperationResult | Promise<OperationResult>): Promise<void> | undefined {
    if (!(result instanceof Promise)) {
      try {
        this.handle.end(result);
      } catch (error) {
        this.reportFailure(error);
      }
      return undefined;
    }
    const endTime = performance.timeOrigin + performance.now();
    return result.then(
      (facts) => this.safely(() => this.handle.end(facts, endTime)),
      (error: unknown) => {
        this.reportFailure(error);
        this.safely(() => this.handle.end({}, endTime));
      },
    );
  }

  /**
   * The call failed; `partialOf` gives what a stream delivered before it broke. The recorder reads
   * the status and headers from the SDK's error itself.
   */
  fail(error: unknown, partialOf?: () => OperationResult | undefined): void {
    this.safely(() => this.handle.fail({ error, partial: partialOf?.() }));
  }

  /** The consumer stopped before the result arrived. */
  abandon(): void {
    this.safely(() => this.handle.abandon());
  }

  private safely(record: () => void): void {
    try {
      record();
    } catch (error) {
      this.reportFailure(error);
    }
  }

  private reportFailure(error: unknown): void {
    diag.debug('@groqmeter/instrumentation-groq: could not record a Groq operation', error);
    try {
      this.recorder.dropped(DROPPED_REASON_VALUE_RECORDER_ERROR);
    } catch {
      // The recorder itself is broken; the user's call must still go on.
    }
  }
}
