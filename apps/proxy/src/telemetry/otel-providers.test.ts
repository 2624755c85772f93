import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createOtelProviders } from './otel-providers.js';

describe('createOtelProviders', () => {
  it('attaches a metric producer to the OTLP reader, none without one', async () => {
    const otlp = createOtelProviders({}, []);
    const none = createOtelProviders({ OTEL_METRICS_EXPORTER: 'none' }, []);
    expect(otlp.metricProducer).toBeDefined();
    expect(none.metricProducer).toBeUndefined();
    await Promise.all([otlp.shutdown(), none.shutdown()]);
  });

  it('says whether spans leave the process: with the OTLP span exporter or an extra processor (the ledger)', async () => {
    const cases = [
      createOtelProviders({}, []),
      createOtelProviders({ OTEL_TRACES_EXPORTER: 'otlp' }, []),
      createOtelProviders({}, [new SimpleSpanProcessor(new InMemorySpanExporter())]),
    ];
    expect(cases.map((providers) => providers.spansExported)).toEqual([false, true, true]);
    await Promise.all(cases.map((providers) => providers.shutdown()));
  });
});
