import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { openLedger } from '@groqmeter/ledger';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import Groq, { toFile } from 'groq-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningExporter, startExporter } from '../src/start-exporter.js';
import { type Sample, samplesOf, scrape } from './exposition.js';

const API_KEY = 'gsk_batches_test_key_never_logged_42';
const MODEL = 'openai/gpt-oss-20b';
/** gpt-oss-20b's batch price, USD per token (0.0375 and 0.15 per 1M: half the on-demand price). */
const BATCH_INPUT_USD = 0.0375 / 1e6;
const BATCH_OUTPUT_USD = 0.15 / 1e6;
const POLL_SECONDS = 0.1;

let simulator: RunningSimulator;
let directory: string;
let batchId: string;
const logs: string[] = [];

/**
 * The app: uploads 3 lines and creates the batch with its attribution in the metadata. With
 * `runSeconds` the batch stays in progress until {@link completeBatch}.
 */
async function createBatch(groq: Groq, runSeconds = 0): Promise<string> {
  const jsonl = ['digest-1', 'digest-2', 'digest-3']
    .map((customId, index) =>
      JSON.stringify({
        custom_id: customId,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: MODEL, messages: [{ role: 'user', content: `Summarise day ${index + 1}` }] },
      }),
    )
    .join('\n');
  const file = await groq.files.create({
    file: await toFile(Buffer.from(jsonl), 'nightly-digest.jsonl'),
    purpose: 'batch',
  });
  if (file.id === undefined) throw new Error('files.create returned no id');
  const batch = await groq.batches.create(
    {
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { feature: 'nightly-digest' },
    },
    { headers: { 'x-simulator-batch-timing': `0,${runSeconds}` } },
  );
  return batch.id;
}

async function completeBatch(groq: Groq, id: string): Promise<void> {
  const done = await groq.batches.retrieve(id, { headers: { 'x-simulator-batch-fast-forward': 'true' } });
  expect(done.status).toBe('completed');
}

beforeAll(async () => {
  simulator = await startSimulator();
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-batches-'));
  const groq = new Groq({ apiKey: API_KEY, baseURL: simulator.url, maxRetries: 0 });
  batchId = await createBatch(groq);
  await completeBatch(groq, batchId);
});

afterAll(async () => {
  await simulator?.close();
  await rm(directory, { recursive: true, force: true });
});

function startWithBatches(statePath: string, ledgerDb?: string): Promise<RunningExporter> {
  return startExporter({
    ledgerDb,
    otlpPort: 0,
    metricsPort: 0,
    groqApiKey: API_KEY,
    groqBaseUrl: simulator.openaiBaseURL,
    groqBatches: true,
    groqBatchesState: statePath,
    groqBatchesIntervalSeconds: POLL_SECONDS,
    writeLog: (line) => logs.push(line),
  });
}

/** The reconciler's series (only cost carries `batch`, as for an app's batch operations). */
const BATCH_SERIES = { job: 'groqmeter-batches', model: MODEL, feature: 'nightly-digest' };

async function batchSamples(exporter: RunningExporter): Promise<Sample[]> {
  const { samples } = await scrape(exporter.metricsUrl);
  return samples.filter((sample) => sample.labels.job === 'groqmeter-batches');
}

async function waitForCost(exporter: RunningExporter, labels: Record<string, string> = {}): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (samplesOf(await batchSamples(exporter), 'groq_cost_usd_total', labels).length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the batch was never metered');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the batch reconciler in the exporter, against the simulator', () => {
  it('meters a completed batch once, at the batch price, attributed to its metadata', async () => {
    const statePath = join(directory, 'metered-batches.json');
    const exporter = await startWithBatches(statePath);
    try {
      await waitForCost(exporter);
      const billed = simulator.stats().models[MODEL]?.batch;
      if (billed === undefined) throw new Error(`the simulator billed no batch line of ${MODEL}`);
      expect(billed.batchRequests).toBe(3);
      const samples = await batchSamples(exporter);
      // The simulator billed 24 input and 96 output tokens: 24 × 0.0375 / 1M = 0.0000009 USD and
      // 96 × 0.15 / 1M = 0.0000144 USD.
      expect([billed.promptTokens, billed.completionTokens]).toEqual([24, 96]);
      const cost = (component: string) =>
        samplesOf(samples, 'groq_cost_usd_total', { ...BATCH_SERIES, batch: 'true', component }).map(
          (s) => s.value,
        );
      expect(cost('input')).toHaveLength(1);
      expect(cost('input')[0]).toBeCloseTo(billed.promptTokens * BATCH_INPUT_USD, 12);
      expect(cost('input')[0]).toBeCloseTo(0.0000009, 12);
      expect(cost('output')).toHaveLength(1);
      expect(cost('output')[0]).toBeCloseTo(billed.completionTokens * BATCH_OUTPUT_USD, 12);
      expect(cost('output')[0]).toBeCloseTo(0.0000144, 12);
      // Nothing of it at the on-demand price.
      expect(samplesOf(samples, 'groq_cost_usd_total', { batch: 'false' })).toEqual([]);
      const tokens = (type: string) =>
        samplesOf(samples, 'groq_tokens_total', { ...BATCH_SERIES, type }).map((s) => s.value);
      expect(tokens('input')).toEqual([billed.promptTokens]);
      expect(tokens('output')).toEqual([billed.completionTokens]);
      expect(
        samplesOf(samples, 'groq_requests_total', BATCH_SERIES).map((s) => [s.labels.outcome, s.value]),
      ).toEqual([['success', 3]]);
      expect(
        samplesOf(samples, 'groq_priced_operations_total', BATCH_SERIES).map((s) => [
          s.labels.pricing,
          s.value,
        ]),
      ).toEqual([['exact', 3]]);

      // Later polls see the same completed batch and add nothing.
      await pause(POLL_SECONDS * 1000 * 5);
      expect(await batchSamples(exporter)).toEqual(samples);
    } finally {
      await exporter.close();
    }
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toEqual({ version: 1, metered: [batchId] });

    // A restarted exporter with the same state file meters nothing.
    const restarted = await startWithBatches(statePath);
    try {
      await pause(POLL_SECONDS * 1000 * 5);
      expect(await batchSamples(restarted)).toEqual([]);
    } finally {
      await restarted.close();
    }
    expect(logs.some((line) => line.includes(API_KEY))).toBe(false);
    expect(logs.filter((line) => line.includes('"msg":"batch metered"'))).toHaveLength(1);
  });

  it('attributes a batch to its batches.create span received on /v1/traces, and writes ledger rows', async () => {
    const db = `sqlite:${join(directory, 'ledger.db')}`;
    const exporter = await startWithBatches(join(directory, 'with-ledger.json'), db);
    const tracerProvider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'digest-worker' }),
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: exporter.tracesUrl }))],
    });
    const groq = instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: simulator.url, maxRetries: 0 }), {
      tracerProvider,
      attributes: { tenant_tier: 'gold', 'user.id': 'u-9' },
    });
    let id: string;
    try {
      // In progress until the create span has reached the exporter. (The first test's batch is
      // metered here too, with its metadata only: this exporter has its own state file.)
      id = await createBatch(groq, 3600);
      await tracerProvider.forceFlush();
      await completeBatch(groq, id);
      await waitForCost(exporter, { tenant_tier: 'gold' });
      const costs = samplesOf(await batchSamples(exporter), 'groq_cost_usd_total', {
        batch: 'true',
        tenant_tier: 'gold',
        feature: 'nightly-digest',
      });
      // This batch alone: 24 × 0.0375 / 1M and 96 × 0.15 / 1M USD.
      expect(costs.map((sample) => [sample.labels.component, sample.value])).toEqual([
        ['input', expect.closeTo(0.0000009, 12)],
        ['output', expect.closeTo(0.0000144, 12)],
      ]);
    } finally {
      await tracerProvider.shutdown();
      await exporter.close();
    }
    const ledger = await openLedger({ db, create: false });
    try {
      const rows = (
        await ledger.operations({ from: new Date(0), to: new Date('2100-01-01T00:00:00Z') })
      ).filter((row) => row.source === 'groq-batch' && row.batchId === id);
      // Each line: 8 × 135e9 + 32 × 540e9 quanta (3.6e18 quanta per USD) = 0.0000051 USD.
      expect(
        rows.map((row) => [
          row.batchId,
          row.batch,
          row.serviceName,
          row.attributes?.tenant_tier,
          row.feature,
          row.userId,
          row.costQuanta,
          row.costUsd,
        ]),
      ).toEqual(
        Array.from({ length: 3 }, () => [
          id,
          true,
          'groqmeter-batches',
          'gold',
          'nightly-digest',
          'u-9',
          18_360_000_000_000n,
          '0.000005100000',
        ]),
      );
    } finally {
      await ledger.close();
    }
  });
});
