import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultPriceBook } from '@groqmeter/pricing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOtlpReceiver } from '../../src/http/otlp-receiver.js';
import { MetricsIngester } from '../../src/ingest/ingest-metrics.js';
import { createLogger } from '../../src/log/logger.js';
import { CentralPricing } from '../../src/pricing/central-pricing.js';
import { type ExpositionFormat, renderExposition } from '../../src/prometheus/render-exposition.js';
import { SelfMetrics } from '../../src/self-metrics.js';
import { MetricStore } from '../../src/store/metric-store.js';
import { promtoolCheckMetrics } from '../promtool.js';
import { CLASSES, type HostileBody, Random } from './hostile-bodies.js';

/** Bodies per class: seven classes, 5,040 bodies in all (about 25 s of CPU). */
const BODIES_PER_CLASS = 720;
/** The statuses a hostile body may get: stored (maybe partly refused, said in partial_success) or refused whole. */
const ALLOWED_STATUSES = new Set([200, 400, 413, 415]);

/**
 * The exporter's receiver, ingester and store, wired as startExporter wires them, on a real HTTP
 * listener; the test holds the store, so that it can tell after every body whether anything was
 * written (an HTTP scrape per body would take minutes).
 */
let server: Server;
let otlpUrl: string;
let store: MetricStore;
beforeAll(async () => {
  store = new MetricStore({ seriesCap: 200, staleAfterMs: 15 * 60_000 });
  const selfMetrics = new SelfMetrics(store);
  selfMetrics.initialize();
  const ingester = new MetricsIngester(store, new CentralPricing(defaultPriceBook, store, false));
  const receive = createOtlpReceiver({
    token: undefined,
    maxBodyBytes: 512 * 1024,
    ingest: (decoded) => ingester.ingestSliced(decoded, Date.now()),
    traceSink: undefined,
    selfMetrics,
    logger: createLogger('silent'),
    isShuttingDown: () => false,
  });
  server = createServer((request, response) => void receive(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  otlpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Everything pushes wrote: every series but the exporter's own counters (which count every push). */
function writtenData(): string {
  const rows: string[] = [];
  for (const family of store.snapshot()) {
    if (/^groqmeter_(exporter_|dropped_total)/.test(family.name)) continue;
    for (const series of family.series.values()) {
      rows.push(JSON.stringify([family.name, family.kind, series.labels, series.value()]));
    }
  }
  return rows.join('\n');
}

async function exposition(format: ExpositionFormat): Promise<string> {
  return (await renderExposition(store.snapshot(), format)).body;
}

async function post({ body, contentType, contentEncoding }: HostileBody): Promise<number> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (contentEncoding !== undefined) headers['content-encoding'] = contentEncoding;
  const response = await fetch(otlpUrl, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}

describe('fuzzing the OTLP receiver with hostile bodies', () => {
  it.each(Object.entries(CLASSES).map(([name, make], classIndex) => ({ name, make, classIndex })))(
    '$name: 720 bodies, no partial write, no 5xx, a valid exposition after',
    async ({ make, classIndex }) => {
      const random = new Random(0x5eed + classIndex);
      const statuses = new Map<number, number>();
      let partialWrites = 0;
      let before = writtenData();
      for (let count = 0; count < BODIES_PER_CLASS; count++) {
        const status = await post(make(random));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const after = writtenData();
        // A refused body must change nothing at all.
        if (status !== 200 && after !== before) partialWrites++;
        before = after;
      }
      expect(partialWrites).toBe(0);
      expect([...statuses.keys()].filter((status) => !ALLOWED_STATUSES.has(status))).toEqual([]);
      // Valid text format: promtool parses it (status 0, or 3 for lint remarks such as missing help).
      const lint = promtoolCheckMetrics(inject('promtoolBinary'), await exposition('prometheus'));
      expect(lint.problems.filter((problem) => /error|pars/i.test(problem))).toEqual([]);
      expect([0, 3]).toContain(lint.status);
      // OpenMetrics: every family once.
      const families = (await exposition('openmetrics'))
        .split('\n')
        .filter((line) => line.startsWith('# TYPE '))
        .map((line) => line.split(' ')[2]);
      expect(families.length).toBe(new Set(families).size);
    },
    60_000,
  );
});
