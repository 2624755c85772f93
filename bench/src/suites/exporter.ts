/**
 * groqmeter's exporter: OTLP ingest throughput, and `/metrics` render time and memory at several
 * series counts against `@opentelemetry/exporter-prometheus` serving the same series. Each server
 * runs in its own process (its memory is its own); this process posts and scrapes, alternating
 * between the two servers scrape by scrape.
 */
import type { BenchPlan } from '../bench-options';
import { BenchProcess, runSuiteScript, scriptInput } from '../bench-process';
import type {
  MemoryAnswer,
  MetricsServerInput,
  MetricsServerKind,
  MetricsServerReady,
} from '../hosts/metrics-server';
import { runInterleaved } from '../interleave';
import { buildOtlpPayload, type OtlpPayload, postOtlp } from '../otlp-payloads';
import type { IngestThroughput, ScrapeComparison, ScrapeStats } from '../results';
import { median, summarize } from '../statistics';
import type { SuiteInput } from '../suite-input';

/** POSTs per segment of the exporter's CPU time (each case's segments alternate with the others'). */
const CPU_SEGMENT_POSTS = 10;

/** Points per OTLP request when loading many series (an SDK pushes them in one request; the body limit is kept sane). */
const LOAD_BATCH_POINTS = 10_000;

async function startServer(kind: MetricsServerKind, series: number) {
  const input: MetricsServerInput = { kind, series };
  const server = new BenchProcess('hosts/metrics-server.ts', input);
  return { server, ready: await server.next<MetricsServerReady>() };
}

async function measureIngest(plan: BenchPlan): Promise<IngestThroughput[]> {
  const { server, ready } = await startServer('groqmeter', 0);
  try {
    const cases: Array<{ payload: string; encoding: 'protobuf' | 'json'; body: OtlpPayload }> = [
      { payload: '1,000 series', encoding: 'protobuf', body: await buildOtlpPayload(0, 1_000, 'protobuf') },
      { payload: '1,000 series', encoding: 'json', body: await buildOtlpPayload(0, 1_000, 'json') },
      { payload: '10,000 series', encoding: 'protobuf', body: await buildOtlpPayload(0, 10_000, 'protobuf') },
    ];
    const otlpUrl = ready.otlpUrl!;
    const samples = await runInterleaved(
      cases.map((ingest) => ({ name: ingest.payload, run: () => postOtlp(otlpUrl, ingest.body) })),
      plan.ingest,
    );
    // Then, untimed, the exporter process's own CPU time per case: what "data points per core"
    // means, whatever the machine's load does to the wall-clock times above. In segments of a few
    // POSTs, the cases taking turns, and the median segment kept: a collection of the garbage
    // that earlier POSTs left lands in one segment, not in one case's whole total.
    const serverCpu = async () => (await server.ask<MemoryAnswer>({ type: 'cpu' })).cpuMicros!;
    const segments = Math.max(1, Math.round(plan.ingest.rounds / CPU_SEGMENT_POSTS));
    const cpuPerPost: number[][] = cases.map(() => []);
    for (let segment = 0; segment < segments; segment++) {
      const order = segment % 2 === 0 ? [...cases.keys()] : [...cases.keys()].reverse();
      for (const index of order) {
        const before = await serverCpu();
        for (let post = 0; post < CPU_SEGMENT_POSTS; post++) await postOtlp(otlpUrl, cases[index]!.body);
        cpuPerPost[index]!.push(((await serverCpu()) - before) / CPU_SEGMENT_POSTS);
      }
    }
    return cases.map((ingest, index) => {
      const timing = summarize(samples[index]!);
      return {
        payload: ingest.payload,
        encoding: ingest.encoding,
        pointsPerRequest: ingest.body.points,
        bodyBytes: ingest.body.body.byteLength,
        timing,
        pointsPerSecond: ingest.body.points / (timing.median / 1000),
        pointsPerCpuSecond: ingest.body.points / (median(cpuPerPost[index]!) / 1e6),
      };
    });
  } finally {
    await server.stop();
  }
}

/** One timed scrape: the whole body is read, as Prometheus does, but not parsed. */
async function scrape(metricsUrl: string): Promise<Uint8Array> {
  const response = await fetch(metricsUrl, { headers: { accept: 'text/plain;version=0.0.4' } });
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) {
    throw new Error(
      `GET ${metricsUrl} answered ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`,
    );
  }
  return body;
}

/** Size of what a server serves: bytes and sample lines (comments left out), from one untimed scrape. */
async function servedSize(metricsUrl: string): Promise<{ bodyBytes: number; lines: number }> {
  const body = Buffer.from(await scrape(metricsUrl)).toString('utf8');
  return {
    bodyBytes: Buffer.byteLength(body),
    lines: body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length,
  };
}

async function compareScrapes(series: number, plan: BenchPlan): Promise<ScrapeComparison> {
  const started = await Promise.all([startServer('groqmeter', series), startServer('prometheus', series)]);
  const [groqmeter, prometheus] = started;
  try {
    for (let from = 0; from < series; from += LOAD_BATCH_POINTS) {
      await postOtlp(
        groqmeter.ready.otlpUrl!,
        await buildOtlpPayload(from, Math.min(series, from + LOAD_BATCH_POINTS), 'protobuf'),
      );
    }
    const loaded = await Promise.all(started.map(({ server }) => server.ask<MemoryAnswer>({ type: 'heap' })));
    const before = await Promise.all(
      started.map(({ server }) => server.ask<MemoryAnswer>({ type: 'reset-peak' })),
    );
    const { seriesRenderedPerServer, minRounds, warmupRounds } = plan.exporter;
    const rounds = Math.max(minRounds, Math.min(200, Math.round(seriesRenderedPerServer / series)));
    const samples = await runInterleaved(
      started.map(({ ready }) => ({
        name: ready.metricsUrl,
        run: async () => void (await scrape(ready.metricsUrl)),
      })),
      { warmupRounds, rounds },
    );
    const peaks = await Promise.all(started.map(({ server }) => server.ask<MemoryAnswer>({ type: 'peak' })));
    const sizes = await Promise.all(started.map(({ ready }) => servedSize(ready.metricsUrl)));
    if (sizes[0]!.lines < sizes[1]!.lines) {
      throw new Error(
        `groqmeter's exporter serves ${sizes[0]!.lines} sample lines of ${series} series, exporter-prometheus ${sizes[1]!.lines}: it refused some of the load, and the comparison would not be of the same series.`,
      );
    }
    const stats = started.map(
      ({ ready }, index): ScrapeStats => ({
        timing: summarize(samples[index]!),
        ...sizes[index]!,
        retainedHeapBytes: loaded[index]!.heapBytes - ready.emptyHeapBytes,
        rssBeforeScrapesBytes: before[index]!.rssBytes,
        peakRssDuringScrapesBytes: peaks[index]!.peakRss!.bytes,
      }),
    );
    return {
      series,
      groqmeter: stats[0]!,
      prometheus: stats[1]!,
      ratio: stats[0]!.timing.median / stats[1]!.timing.median,
    };
  } finally {
    await Promise.all([groqmeter.server.stop(), prometheus.server.stop()]);
  }
}

await runSuiteScript(async () => {
  const { plan } = scriptInput<SuiteInput>();
  const ingest = await measureIngest(plan);
  const scrapes: ScrapeComparison[] = [];
  for (const series of plan.exporter.seriesCounts) scrapes.push(await compareScrapes(series, plan));
  return { ingest, scrapes };
});
