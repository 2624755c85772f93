import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TelemetryHarness } from '../src/testing/telemetry-harness.js';
import { useTelemetryHarness } from '../src/testing/use-telemetry-harness.js';
import { type TelemetrySnapshot, telemetrySnapshot } from './equivalence/telemetry-snapshot.js';
import { runMixedWorkload } from './equivalence/workload.js';

/**
 * The telemetry of the recorder, recorded once and reviewed: every metric point and every span
 * attribute of the mixed workload. It guards every optimisation of the hot paths; a change of
 * telemetry on purpose re-records it with `pnpm --filter @groqmeter/recorder record-equivalence`
 * and shows up, point by point, in the fixture's diff.
 */
const FIXTURE = new URL('./equivalence/expected-telemetry.json', import.meta.url);
const RECORD = process.env.GROQMETER_RECORD_EQUIVALENCE === '1';

/**
 * The recorder reaches a metric reader in three ways, and all must export the same telemetry:
 * through the groqmeter metric producer the user attached to the reader; through the one the
 * recorder attaches itself to a plain SDK provider's reader; and through SDK instruments on the
 * meter provider (observable counters and gauges, histograms), where it attaches none.
 */
const hooks = { beforeAll, beforeEach, afterAll };
const modes: Array<[string, TelemetryHarness]> = [
  ['through SDK instruments (the fallback)', useTelemetryHarness(hooks, { sdkInstruments: true })],
  ['through the metric producer', useTelemetryHarness(hooks, { metricProducer: true })],
  ['through the producer the recorder attaches', useTelemetryHarness(hooks)],
];

describe.each(modes)('the telemetry of the mixed workload, %s', (mode, harness) => {
  it('is exactly the recorded one, point by point and attribute by attribute', async () => {
    runMixedWorkload(harness);
    // A JSON round trip: what the fixture can hold (undefined fields dropped, as in the file).
    const actual = JSON.parse(JSON.stringify(await telemetrySnapshot(harness))) as TelemetrySnapshot;
    // Recorded from the SDK instruments' run, the reference the producer is compared with.
    if (RECORD && mode === modes[0]![0]) writeFileSync(FIXTURE, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as TelemetrySnapshot;
    expect(actual.metrics.map((metric) => metric.name)).toEqual(
      expected.metrics.map((metric) => metric.name),
    );
    for (const [index, metric] of actual.metrics.entries()) expect(metric).toEqual(expected.metrics[index]);
    expect(actual.spans).toHaveLength(expected.spans.length);
    for (const [index, span] of actual.spans.entries()) expect(span).toEqual(expected.spans[index]);
  });
});
