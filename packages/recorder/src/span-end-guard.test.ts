import type { Span, Tracer } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { chatStart, MODEL, T0 } from '../test/fixtures.js';
import { useRecorderTestbed } from '../test/harness.js';

const bed = useRecorderTestbed();

/** A tracer whose spans refuse `setAttribute` (a broken span processor or SDK) but end normally. */
function tracerRefusingSetAttribute(tracer: Tracer): Tracer {
  return {
    startSpan: (...args: Parameters<Tracer['startSpan']>) => {
      const span = tracer.startSpan(...args);
      return new Proxy(span, {
        get(target, property, receiver) {
          if (property === 'setAttribute') {
            return () => {
              throw new Error('setAttribute failed');
            };
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as Span;
    },
    startActiveSpan: tracer.startActiveSpan.bind(tracer),
  } as Tracer;
}

describe('span end guard', () => {
  it('ends the span even when setAttribute throws just before it (retries reported)', () => {
    const tracer = tracerRefusingSetAttribute(bed.harness.tracerProvider.getTracer('t'));
    const op = bed.recorder({ tracer }).start(chatStart());
    op.attempt({ status: 200 });
    op.end({ responseModel: MODEL }, T0 + 10);
    expect(bed.harness.spans().map((span) => span.name)).toEqual([`chat ${MODEL}`]);
  });
});
