import { type Attributes, diag, type HrTime, type SpanContext } from '@opentelemetry/api';
import type { Ledger, LedgerSpan } from './types.js';

/**
 * The parts of an SDK `ReadableSpan` the ledger reads. Structural, so that the processor works
 * with the span processors of `@opentelemetry/sdk-trace-base` 1.x and 2.x alike.
 */
export interface ReadableSpanLike {
  spanContext(): SpanContext;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly attributes: Attributes;
  readonly resource?: { readonly attributes: Attributes };
}

function unixNano([seconds, nanos]: HrTime): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

/** The {@link LedgerSpan} of an SDK span. */
export function ledgerSpanOf(span: ReadableSpanLike): LedgerSpan {
  const { traceId, spanId } = span.spanContext();
  return {
    traceId,
    spanId,
    startTimeUnixNano: unixNano(span.startTime),
    endTimeUnixNano: unixNano(span.endTime),
    attributes: span.attributes,
    resourceAttributes: span.resource?.attributes ?? {},
  };
}

/**
 * An OTel span processor that writes one ledger row per finished groqmeter operation span. Add it
 * to the tracer provider the groqmeter instrumentation uses:
 *
 * @example
 * const provider = new NodeTracerProvider({ spanProcessors: [new LedgerSpanProcessor(ledger)] });
 *
 * `onEnd` only converts the span and queues the row (it never waits, never throws); the ledger
 * writes in the background. `forceFlush` writes what is queued; `shutdown` writes it and closes
 * the ledger. Spans the sampler drops never reach a processor, so sample groqmeter spans always
 * (the default `AlwaysOn` / parent-based sampler) to have every operation in the ledger.
 */
export class LedgerSpanProcessor {
  constructor(private readonly ledger: Ledger) {}

  onStart(): void {}

  onEnd(span: ReadableSpanLike): void {
    try {
      this.ledger.recordSpan(ledgerSpanOf(span));
    } catch (error) {
      diag.error('groqmeter ledger: could not read a finished span', error);
    }
  }

  /** @throws {LedgerWriteError} when the database fails; the rows stay queued. */
  forceFlush(): Promise<void> {
    return this.ledger.flush();
  }

  shutdown(): Promise<void> {
    return this.ledger.close();
  }
}
