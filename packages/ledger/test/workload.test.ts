import { createGroq } from '@ai-sdk/groq';
import { groqmeter } from '@groqmeter/ai-sdk';
import { makeWav, type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { GroqmeterCallbackHandler } from '@groqmeter/langchain';
import { withGroqAttributes } from '@groqmeter/recorder';
import { ChatGroq } from '@langchain/groq';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { generateText, wrapLanguageModel } from 'ai';
import Groq, { toFile } from 'groq-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ledger, type LedgerEntry, openLedger } from '../src/index.js';
import { successWithoutAttribution } from './entries.js';
import {
  type LedgerTarget,
  ledgerTracerProvider,
  postgresTarget,
  SERVICE_NAME,
  sqliteTarget,
} from './ledger-targets.js';

const API_KEY = 'gsk_ledgerWorkloadKeyThatMustNeverBeStored';
/** Texts of the workload's messages: none may reach a row unless content capture is on. */
const PROMPTS = {
  greeting: 'Hello there',
  search: 'Find the refund policy',
  missing: 'Is anyone there',
  summary: 'Summarise this',
  hello: 'Say hello',
};
const WORKLOAD_START = new Date('2000-01-01T00:00:00Z');
const WORKLOAD_END = new Date('2100-01-01T00:00:00Z');

/**
 * Prices in quanta per token (1 USD = 3.6 × 10^18 quanta), from the catalogue:
 * gpt-oss-20b $0.075 / $0.30 per 1M in/out → 270 000 000 000 / 1 080 000 000 000;
 * gpt-oss-120b $0.15 / $0.60 → 540 000 000 000 / 2 160 000 000 000;
 * gpt-4o (baseline) $2.50 / $10 → 9 000 000 000 000 / 36 000 000 000 000;
 * gpt-4.1-mini $0.40 / $1.60 → 1 440 000 000 000 / 5 760 000 000 000.
 * The simulator answers every chat with 32 completion tokens, 16 of them reasoning on gpt-oss, and
 * counts a prompt as 4 + ceil(characters / 4) tokens per message.
 */
const EXPECTED = {
  // "Hello there", 11 characters → 7 tokens; 7 × 270e9 + 32 × 1080e9
  greeting: { input: 7, costQuanta: 36_450_000_000_000n, baselineQuanta: 1_215_000_000_000_000n },
  // "Find the refund policy", 22 characters → 10 tokens, on gpt-oss-120b; 10 × 540e9 + 32 × 2160e9
  search: { input: 10, costQuanta: 74_520_000_000_000n, baselineQuanta: 1_242_000_000_000_000n },
  // "Summarise this", 14 characters → 8 tokens; 8 × 270e9 + 32 × 1080e9
  summary: { input: 8, costQuanta: 36_720_000_000_000n, baselineQuanta: 1_224_000_000_000_000n },
  // "Say hello", 9 characters → 7 tokens
  hello: { input: 7, costQuanta: 36_450_000_000_000n, baselineQuanta: 1_215_000_000_000_000n },
  /**
   * 12.5 s on whisper-large-v3-turbo at $0.04 per hour is exactly 12.5 × 40 000 000 000 000 =
   * 500 000 000 000 000 quanta, $0.000138888…: the span's 12-decimal "0.000138888889" would be
   * 500 000 000 400 000 quanta, but the span carries the exact quanta (`groq.cost.quanta`).
   * The baseline, whisper-1 at $0.006 per minute, is exactly $0.00125.
   */
  transcription: { costQuanta: 500_000_000_000_000n, baselineQuanta: 4_500_000_000_000_000n },
};

/** Runs every call of the workload once, through groq-sdk, LangChain and the AI SDK, against the simulator. */
async function runWorkload(tracerProvider: BasicTracerProvider, simulator: RunningSimulator): Promise<void> {
  const groq = instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: simulator.url, maxRetries: 0 }), {
    tracerProvider,
    attributes: { platform: 'web', tenant: 'acme' },
  });
  await withGroqAttributes({ 'user.id': 'u-alice', feature: 'support' }, async () => {
    await groq.chat.completions.create({
      model: 'openai/gpt-oss-20b',
      messages: [{ role: 'user', content: PROMPTS.greeting }],
    });
    await expect(
      groq.chat.completions.create({
        model: 'nope-model',
        messages: [{ role: 'user', content: PROMPTS.missing }],
      }),
    ).rejects.toThrow(/does not exist/);
  });
  await withGroqAttributes({ 'user.id': 'u-bob', feature: 'search' }, async () => {
    const stream = await groq.chat.completions.create({
      model: 'openai/gpt-oss-120b',
      messages: [{ role: 'user', content: PROMPTS.search }],
      stream: true,
    });
    for await (const _chunk of stream);
    await groq.audio.transcriptions.create({
      model: 'whisper-large-v3-turbo',
      file: await toFile(makeWav(12.5), 'call.wav', { type: 'audio/wav' }),
    });
  });

  const chat = new ChatGroq({
    model: 'openai/gpt-oss-20b',
    apiKey: API_KEY,
    baseUrl: simulator.url,
    maxRetries: 0,
  });
  await chat.invoke(PROMPTS.summary, {
    callbacks: [new GroqmeterCallbackHandler({ tracerProvider, attributes: { 'user.id': 'u-carol' } })],
    metadata: { feature: 'summarise' },
  });

  const model = wrapLanguageModel({
    model: createGroq({ apiKey: API_KEY, baseURL: simulator.openaiBaseURL })('openai/gpt-oss-20b'),
    middleware: groqmeter({ tracerProvider }),
  });
  await generateText({
    model,
    prompt: PROMPTS.hello,
    providerOptions: { groqmeter: { 'user.id': 'u-bob', feature: 'search', platform: 'mobile' } },
  });
  await tracerProvider.forceFlush();
}

/** The fields every row has, whatever the call. */
function rowOf(fields: Partial<LedgerEntry>): LedgerEntry {
  return {
    traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
    startTime: expect.any(Date),
    durationSeconds: expect.any(Number),
    operation: 'chat',
    provider: 'groq',
    operationType: 'chat',
    source: 'groq-sdk',
    serviceName: SERVICE_NAME,
    requestModel: 'openai/gpt-oss-20b',
    responseModel: 'openai/gpt-oss-20b',
    inputTokens: null,
    cachedInputTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    audioSeconds: null,
    characters: null,
    toolCalls: null,
    costKnown: null,
    pricing: null,
    costPartial: false,
    partialReasons: null,
    costStale: false,
    costQuanta: null,
    costUsd: null,
    costExact: null,
    baselineModel: null,
    baselineCostQuanta: null,
    baselineCostUsd: null,
    requestId: expect.stringMatching(/^req_01/),
    batchId: null,
    ...successWithoutAttribution(),
    ...fields,
  };
}

function chatRow(
  expected: { input: number; costQuanta: bigint; baselineQuanta: bigint },
  fields: Partial<LedgerEntry>,
): LedgerEntry {
  return rowOf({
    inputTokens: expected.input,
    cachedInputTokens: 0,
    outputTokens: 32,
    reasoningTokens: 16,
    costKnown: true,
    pricing: 'exact',
    costQuanta: expected.costQuanta,
    costUsd: expect.stringMatching(/^0\.\d{12}$/),
    costExact: true,
    baselineModel: 'gpt-4o',
    baselineCostQuanta: expected.baselineQuanta,
    baselineCostUsd: expect.stringMatching(/^0\.\d{12}$/),
    ...fields,
  });
}

const EXPECTED_ROWS: LedgerEntry[] = [
  chatRow(EXPECTED.greeting, {
    costUsd: '0.000010125000',
    baselineCostUsd: '0.000337500000',
    userId: 'u-alice',
    feature: 'support',
    platform: 'web',
    tenant: 'acme',
    attributes: { platform: 'web', tenant: 'acme', 'user.id': 'u-alice', feature: 'support' },
  }),
  rowOf({
    requestModel: 'nope-model',
    responseModel: null,
    outcome: 'error',
    errorType: 'model_not_found',
    requestId: null,
    serviceTier: null,
    userId: 'u-alice',
    feature: 'support',
    platform: 'web',
    tenant: 'acme',
    attributes: { platform: 'web', tenant: 'acme', 'user.id': 'u-alice', feature: 'support' },
  }),
  chatRow(EXPECTED.search, {
    requestModel: 'openai/gpt-oss-120b',
    responseModel: 'openai/gpt-oss-120b',
    costUsd: '0.000020700000',
    baselineCostUsd: '0.000345000000',
    ttftSeconds: expect.any(Number),
    // Streamed chunks carry no service tier.
    serviceTier: null,
    userId: 'u-bob',
    feature: 'search',
    platform: 'web',
    tenant: 'acme',
    attributes: { platform: 'web', tenant: 'acme', 'user.id': 'u-bob', feature: 'search' },
  }),
  rowOf({
    operation: 'transcription',
    operationType: 'transcription',
    requestModel: 'whisper-large-v3-turbo',
    responseModel: null,
    serviceTier: null,
    audioSeconds: 12.5,
    costKnown: true,
    pricing: 'exact',
    costQuanta: EXPECTED.transcription.costQuanta,
    costUsd: '0.000138888889',
    costExact: true,
    baselineModel: 'whisper-1',
    baselineCostQuanta: EXPECTED.transcription.baselineQuanta,
    baselineCostUsd: '0.001250000000',
    userId: 'u-bob',
    feature: 'search',
    platform: 'web',
    tenant: 'acme',
    attributes: { platform: 'web', tenant: 'acme', 'user.id': 'u-bob', feature: 'search' },
  }),
  chatRow(EXPECTED.summary, {
    source: 'langchain',
    costUsd: '0.000010200000',
    baselineCostUsd: '0.000340000000',
    userId: 'u-carol',
    feature: 'summarise',
    attributes: {
      'user.id': 'u-carol',
      feature: 'summarise',
      'langchain.run.id': expect.any(String),
    },
  }),
  chatRow(EXPECTED.hello, {
    source: 'ai-sdk',
    costUsd: '0.000010125000',
    baselineCostUsd: '0.000337500000',
    userId: 'u-bob',
    feature: 'search',
    platform: 'mobile',
    attributes: { 'user.id': 'u-bob', feature: 'search', platform: 'mobile' },
  }),
];

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => {
  context.disable();
});

describe.each([sqliteTarget, postgresTarget])(
  'scripted workload through groq-sdk, LangChain and AI SDK',
  (makeTarget) => {
    const target: LedgerTarget = makeTarget();
    let simulator: RunningSimulator;
    let db: string;
    let ledger: Ledger;

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0 });
      db = await target.newDatabase();
      ledger = await openLedger({ db, flushIntervalMs: 10 });
      await runWorkload(ledgerTracerProvider(ledger), simulator);
      await ledger.flush();
    });

    afterAll(async () => {
      await ledger?.close();
      await simulator?.close();
      await target.cleanup();
    });

    it(`${target.name}: one exact row per operation, in order`, async () => {
      const rows = await ledger.operations({ from: WORKLOAD_START, to: WORKLOAD_END });
      expect(rows).toEqual(EXPECTED_ROWS);
      expect(ledger.stats()).toEqual({
        queued: 0,
        written: 6,
        dropped: { ledger_queue_full: 0, ledger_invalid_span: 0, ledger_rejected: 0, ledger_closed: 0 },
        lastError: undefined,
      });
    });

    it(`${target.name}: spend by user is the hand-computed sum`, async () => {
      const report = await ledger.spendBy({ by: 'user', from: WORKLOAD_START, to: WORKLOAD_END });
      // u-bob: 74 520 000 000 000 + 500 000 000 000 000 + 36 450 000 000 000 = 610 970 000 000 000 quanta
      expect(
        report.rows.map((row) => [
          row.key,
          row.operations,
          row.inputTokens,
          row.outputTokens,
          row.costUsd,
          row.costQuanta,
        ]),
      ).toEqual([
        ['u-bob', 3, 17, 64, '0.000169713889', 610_970_000_000_000n],
        ['u-carol', 1, 8, 32, '0.000010200000', 36_720_000_000_000n],
        ['u-alice', 2, 7, 32, '0.000010125000', 36_450_000_000_000n],
      ]);
      expect(report.total).toEqual({
        operations: 6,
        inputTokens: 32,
        cachedInputTokens: 0,
        outputTokens: 128,
        reasoningTokens: 64,
        costQuanta: 684_140_000_000_000n,
        costUsd: '0.000190038889',
        unpricedOperations: 0,
        usageMissingOperations: 0,
        partialOperations: 0,
        partialCostQuanta: 0n,
        staleOperations: 0,
        staleCostQuanta: 0n,
        // 1 215e12 + 1 242e12 + 4 500e12 + 1 224e12 + 1 215e12
        baselineCostQuanta: 9_396_000_000_000_000n,
        baselineCostUsd: '0.002610000000',
        baselineUnpricedOperations: 0,
      });
    });

    it(`${target.name}: spend by feature and by model, top 2`, async () => {
      const byFeature = await ledger.spendBy({
        by: 'feature',
        from: WORKLOAD_START,
        to: WORKLOAD_END,
        top: 2,
      });
      expect(byFeature.groups).toBe(3);
      expect(byFeature.rows.map((row) => [row.key, row.operations, row.costQuanta])).toEqual([
        ['search', 3, 610_970_000_000_000n],
        ['summarise', 1, 36_720_000_000_000n],
      ]);
      const byModel = await ledger.spendBy({ by: 'model', from: WORKLOAD_START, to: WORKLOAD_END });
      expect(
        byModel.rows.map((row) => [row.key, row.operations, row.costQuanta, row.baselineCostQuanta]),
      ).toEqual([
        ['whisper-large-v3-turbo', 1, 500_000_000_000_000n, 4_500_000_000_000_000n],
        ['openai/gpt-oss-20b', 3, 109_620_000_000_000n, 3_654_000_000_000_000n],
        ['openai/gpt-oss-120b', 1, 74_520_000_000_000n, 1_242_000_000_000_000n],
        ['nope-model', 1, 0n, 0n],
      ]);
    });

    it(`${target.name}: what the chats would have cost on gpt-4.1-mini`, async () => {
      const report = await ledger.spendBy({
        by: 'user',
        from: WORKLOAD_START,
        to: WORKLOAD_END,
        baselineModel: 'gpt-4.1-mini',
      });
      // u-bob's chats: 17 input × 1 440e9 + 64 output × 5 760e9; gpt-4.1-mini has no audio price, so the transcription is unpriced.
      expect(
        report.rows.map((row) => [row.key, row.baselineCostQuanta, row.baselineUnpricedOperations]),
      ).toEqual([
        ['u-bob', 393_120_000_000_000n, 1],
        ['u-carol', 195_840_000_000_000n, 0],
        ['u-alice', 194_400_000_000_000n, 0],
      ]);
      expect(report.baselineModel).toBe('gpt-4.1-mini');
    });

    it(`${target.name}: no API key and no message content in any column`, async () => {
      const stored = JSON.stringify(await target.rawRows(db));
      expect(stored).toContain('u-alice');
      expect(stored).not.toContain(API_KEY);
      expect(stored).not.toContain('gsk_');
      for (const prompt of Object.values(PROMPTS)) expect(stored).not.toContain(prompt);
    });
  },
);

describe.each([sqliteTarget, postgresTarget])('message content', (makeTarget) => {
  const target = makeTarget();
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await simulator.close();
    await target.cleanup();
  });

  async function recordOneChat(captureInLedger: boolean): Promise<{ rows: LedgerEntry[]; stored: string }> {
    const db = await target.newDatabase();
    const ledger = await openLedger({ db, captureMessageContent: captureInLedger });
    const tracerProvider = ledgerTracerProvider(ledger);
    const groq = instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: simulator.url, maxRetries: 0 }), {
      tracerProvider,
      captureMessageContent: true,
    });
    await groq.chat.completions.create({
      model: 'openai/gpt-oss-20b',
      messages: [{ role: 'user', content: PROMPTS.greeting }],
    });
    await tracerProvider.shutdown();
    const reopened = await openLedger({ db, create: false });
    try {
      return {
        rows: await reopened.operations({ from: WORKLOAD_START, to: WORKLOAD_END }),
        stored: JSON.stringify(await target.rawRows(db)),
      };
    } finally {
      await reopened.close();
    }
  }

  it(`${target.name}: stored only when the ledger captures content too`, async () => {
    const withoutCapture = await recordOneChat(false);
    expect(withoutCapture.rows.map((row) => row.content)).toEqual([null]);
    expect(withoutCapture.stored).not.toContain(PROMPTS.greeting);

    const withCapture = await recordOneChat(true);
    const content = withCapture.rows[0]?.content;
    expect(Object.keys(content ?? {}).sort()).toEqual(['gen_ai.input.messages', 'gen_ai.output.messages']);
    expect(JSON.parse(content?.['gen_ai.input.messages'] ?? 'null')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: PROMPTS.greeting }] },
    ]);
    expect(withCapture.stored).not.toContain(API_KEY);
  });
});
