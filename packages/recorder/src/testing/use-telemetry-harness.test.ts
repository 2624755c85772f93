import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withGroqAttributes } from '../attribution.js';
import { createRecorder } from '../recorder.js';
import { useTelemetryHarness } from './use-telemetry-harness.js';

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll });

function recordChat(): Promise<void> {
  const recorder = createRecorder({
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
  });
  return withGroqAttributes({ feature: 'search' }, async () => {
    await Promise.resolve();
    recorder.start({ operation: 'chat', source: 'ai-sdk', requestModel: 'openai/gpt-oss-20b' }).end({});
  });
}

describe('useTelemetryHarness', () => {
  it('carries context attribution across awaits', async () => {
    await recordChat();
    expect(telemetry.onlySpan().attributes.feature).toBe('search');
  });

  it('starts every test with no telemetry', async () => {
    expect(telemetry.spans()).toEqual([]);
    expect(await telemetry.metricNames()).toEqual([]);
    await recordChat();
    expect(telemetry.spans()).toHaveLength(1);
  });
});
