import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { chatStart, MODEL, T0, USAGE } from '../test/fixtures.js';
import { useRecorderTestbed } from '../test/harness.js';
import { getActiveOperation, isRecordingSuppressed, runWithRecordingSuppressed } from './suppression.js';

const bed = useRecorderTestbed();

describe('de-duplication across adapters', () => {
  it('records nothing inside runWithRecordingSuppressed', async () => {
    const recorder = bed.recorder();
    runWithRecordingSuppressed(() => {
      expect(isRecordingSuppressed()).toBe(true);
      const op = recorder.start(chatStart());
      expect(op.span.isRecording()).toBe(false);
      op.end({ usage: USAGE }, T0 + 10);
    });
    expect(isRecordingSuppressed()).toBe(false);
    expect(bed.harness.spans()).toEqual([]);
    expect(await bed.harness.points('groq.requests')).toEqual([]);
  });

  it('lets the outer operation win and hands it the attempts the inner adapter sees', async () => {
    const recorder = bed.recorder();
    const outer = recorder.start(chatStart({ source: 'langchain' }));
    await context.with(outer.context, async () => {
      expect(getActiveOperation()).toBe(outer);
      const inner = recorder.start(chatStart({ source: 'groq-sdk' }));
      expect(inner.context).toBe(context.active());
      inner.attempt({ status: 429, headers: { 'retry-after': '1' } });
      inner.end({ usage: USAGE }, T0 + 10);
    });
    outer.fail({ error: new Error('rate limited'), status: 429 }, T0 + 20);

    expect(bed.harness.spans().map((span) => span.attributes['groqmeter.source'])).toEqual(['langchain']);
    expect(await bed.harness.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect(await bed.harness.points('groq.requests')).toEqual([
      {
        attributes: {
          model: MODEL,
          operation: 'chat',
          provider: 'groq',
          outcome: 'error',
          error_type: 'RateLimitError',
          status_code: '429',
        },
        value: 1,
      },
    ]);
  });

  it('parents the span on an explicit parent context', () => {
    const tracer = bed.harness.tracerProvider.getTracer('app');
    const parent = tracer.startSpan('handle request');
    const op = bed.recorder().start(chatStart({ parentContext: trace.setSpan(context.active(), parent) }));
    op.end({}, T0 + 1);
    expect(bed.harness.onlySpan().parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(trace.getSpan(op.context)).toBe(op.span);
  });
});
