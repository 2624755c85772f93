import {
  AggregationTemporality,
  InstrumentType,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { metricSetupFromEnv } from './metric-readers.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Stop the readers' timers and exporters (they were never bound to a meter provider). */
async function stop(readers: unknown[]): Promise<void> {
  for (const reader of readers)
    await (reader as PeriodicExportingMetricReader).shutdown().catch(() => undefined);
}

describe('metricSetupFromEnv', () => {
  it('builds the default OTLP reader with the groqmeter producer attached', async () => {
    vi.stubEnv('OTEL_METRICS_EXPORTER', '');
    vi.stubEnv('OTEL_METRIC_EXPORT_INTERVAL', '5000');
    vi.stubEnv('OTEL_METRIC_EXPORT_TIMEOUT', '9000');
    const { readers, metricProducer } = metricSetupFromEnv();
    expect(readers).toHaveLength(1);
    expect(readers[0]).toBeInstanceOf(PeriodicExportingMetricReader);
    expect(metricProducer).toBeDefined();
    // The timeout is clamped to the interval, as the Node SDK does.
    expect(readers[0]).toMatchObject({ _exportInterval: 5000, _exportTimeout: 5000 });
    expect(readers[0]).toMatchObject({ _metricProducers: [metricProducer] });
    await stop(readers);
  });

  it('follows the OTLP temporality preference', async () => {
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'otlp');
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'delta');
    const { readers } = metricSetupFromEnv();
    expect(readers[0]!.selectAggregationTemporality?.(InstrumentType.COUNTER)).toBe(
      AggregationTemporality.DELTA,
    );
    await stop(readers);
  });

  it('attaches no producer when the readers want different temporalities (the SDK then serves each)', async () => {
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'otlp,console');
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'delta');
    const { readers, metricProducer } = metricSetupFromEnv();
    expect(readers).toHaveLength(2);
    expect(metricProducer).toBeUndefined();
    await stop(readers);
  });

  it('shares one producer between readers that agree', async () => {
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'otlp, console');
    const { readers, metricProducer } = metricSetupFromEnv();
    expect(readers).toHaveLength(2);
    expect(metricProducer).toBeDefined();
    await stop(readers);
  });

  it('builds nothing for none, or for exporters it does not know', () => {
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'otlp,none');
    expect(metricSetupFromEnv()).toEqual({ readers: [], metricProducer: undefined });
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'carrier-pigeon');
    expect(metricSetupFromEnv()).toEqual({ readers: [], metricProducer: undefined });
  });
});
