import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningExporter, startExporter } from '../src/index.js';
import { samplesOf, scrape } from './exposition.js';
import { jsonCounter, jsonGauge, jsonRequest, postJson } from './otlp-json.js';

let now = 1_000_000;
let exporter: RunningExporter;
beforeAll(async () => {
  exporter = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    staleAfterSeconds: 60,
    logLevel: 'silent',
    clock: () => now,
  });
});
afterAll(() => exporter.close());

const instanceA = { 'service.name': 'worker', 'process.pid': '1' };
const instanceB = { 'service.name': 'worker', 'process.pid': '2' };

async function served() {
  const { samples } = await scrape(exporter.metricsUrl);
  return {
    requests: samplesOf(samples, 'groq_requests_total', { job: 'worker' }).map((sample) => sample.value),
    remaining: samplesOf(samples, 'groq_ratelimit_remaining', { job: 'worker' }).map(
      (sample) => sample.value,
    ),
    targets: samplesOf(samples, 'target_info', { job: 'worker' }).map((sample) => sample.labels.process_pid),
    stale: samplesOf(samples, 'groqmeter_dropped_total', { reason: 'stale' }).map((sample) => sample.value),
  };
}

describe('stale series expiry (injected clock, --stale-after 60)', () => {
  it('expires silent senders: gauges vanish, counters keep their sum until every sender is gone', async () => {
    await postJson(
      exporter.otlpUrl,
      jsonRequest(instanceA, [
        jsonCounter('groq.requests', [{ value: 10, time: '10' }]),
        jsonGauge('groq.ratelimit.remaining', [{ value: 500, time: '10' }]),
      ]),
    );
    await postJson(
      exporter.otlpUrl,
      jsonRequest(instanceB, [jsonCounter('groq.requests', [{ value: 4, time: '10' }])]),
    );
    expect(await served()).toEqual({ requests: [14], remaining: [500], targets: ['1', '2'], stale: [] });

    // A goes silent; B keeps pushing.
    now += 45_000;
    await postJson(
      exporter.otlpUrl,
      jsonRequest(instanceB, [jsonCounter('groq.requests', [{ value: 6, time: '20' }])]),
    );
    now += 30_000;
    expect(await served()).toEqual({ requests: [16], remaining: [], targets: ['2'], stale: [2] });

    // B goes silent too: the counter series goes (Prometheus sees it end, not drop).
    now += 60_001;
    expect(await served()).toEqual({ requests: [], remaining: [], targets: [], stale: [4] });
  });
});
