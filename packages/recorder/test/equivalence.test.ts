import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type TelemetrySnapshot, telemetrySnapshot } from './equivalence/telemetry-snapshot.js';
import { runMixedWorkload } from './equivalence/workload.js';
import { useRecorderTestbed } from './harness.js';

/**
 * The telemetry of the recorder, recorded once and reviewed: every metric point and every span
 * attribute of the mixed workload. It guards every optimisation of the hot paths; a change of
 * telemetry on purpose re-records it with `pnpm --filter @groqmeter/recorder record-equivalence`
 * and shows up, point by point, in the fixture's diff.
 */
const FIXTURE = new URL('./equivalence/expected-telemetry.json', import.meta.url);
const RECORD = process.env.GROQMETER_RECORD_EQUIVALENCE === '1';

const bed = useRecorderTestbed();

describe('the telemetry of the mixed workload', () => {
  it('is exactly the recorded one, point by point and attribute by attribute', async () => {
    runMixedWorkload(bed.harness);
    // A JSON round trip: what the fixture can hold (undefined fields dropped, as in the file).
    const actual = JSON.parse(JSON.stringify(await telemetrySnapshot(bed.harness))) as TelemetrySnapshot;
    if (RECORD) writeFileSync(FIXTURE, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as TelemetrySnapshot;
    expect(actual.metrics.map((metric) => metric.name)).toEqual(
      expected.metrics.map((metric) => metric.name),
    );
    for (const [index, metric] of actual.metrics.entries()) expect(metric).toEqual(expected.metrics[index]);
    expect(actual.spans).toHaveLength(expected.spans.length);
    for (const [index, span] of actual.spans.entries()) expect(span).toEqual(expected.spans[index]);
  });
});
