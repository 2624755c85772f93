/**
 * One app, one `openai` client for Groq and one for OpenAI itself, one ledger: every operation is
 * a row with its provider, operation type and function name, and spend adds up by provider with
 * the Groq baseline on Groq rows only. Costs in quanta (1 USD = 3.6 × 10^18), by hand:
 * gpt-oss-20b $0.075 / $0.30 per 1M → 270e9 / 1 080e9 per token; gpt-4o (baseline) $2.50 / $10
 * → 9e12 / 36e12; gpt-4o-mini $0.15 / $0.60 → 540e9 / 2 160e9; gpt-4.1-mini $0.40 / $1.60 →
 * 1 440e9 / 5 760e9. Both simulators count a message as 4 + ceil(characters / 4) tokens; Groq's
 * answers have 32 completion tokens, OpenAI's 24.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type RunningOpenAISimulator,
  type RunningSimulator,
  startOpenAISimulator,
  startSimulator,
} from '@groqmeter/groq-simulator';
import { instrumentOpenAI } from '@groqmeter/instrumentation-groq';
import { withGroqAttributes } from '@groqmeter/recorder';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ledger, openLedger } from '../src/index.js';
import { ledgerTracerProvider, postgresTarget, sqliteTarget } from './ledger-targets.js';

const FROM = new Date('2000-01-01T00:00:00Z');
const TO = new Date('2100-01-01T00:00:00Z');

/** "Summarise the ticket" (20 characters, 9 tokens) on Groq: 9 × 270e9 + 32 × 1 080e9. */
const GROQ_CHAT = 36_990_000_000_000n;
/** The same on gpt-4o: 9 × 9e12 + 32 × 36e12. */
const GROQ_CHAT_BASELINE = 1_233_000_000_000_000n;
/** The same on OpenAI's gpt-4o-mini: 9 × 540e9 + 24 × 2 160e9. */
const OPENAI_CHAT = 56_700_000_000_000n;
/** An Assistants run, "Be brief." (7 tokens) and "Where is my parcel?" (9): 16 × 1 440e9 + 24 × 5 760e9. */
const OPENAI_RUN = 161_280_000_000_000n;

let groqSim: RunningSimulator;
let openaiSim: RunningOpenAISimulator;
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  groqSim = await startSimulator({ port: 0 });
  openaiSim = await startOpenAISimulator();
});
afterAll(async () => {
  await groqSim.close();
  await openaiSim.close();
  context.disable();
});

/** The app: its Groq and OpenAI clients report to the same tracer provider, the ledger's. */
async function runApp(ledger: Ledger): Promise<void> {
  const tracerProvider = ledgerTracerProvider(ledger);
  const options = { tracerProvider, groqBaseURLs: [groqSim.openaiBaseURL] };
  const groq = instrumentOpenAI(new OpenAI({ apiKey: 'gsk-test', baseURL: groqSim.openaiBaseURL }), options);
  const openai = instrumentOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: openaiSim.url }), options);
  const messages = [{ role: 'user' as const, content: 'Summarise the ticket' }];
  await withGroqAttributes({ function_name: 'summarise_ticket', feature: 'support' }, async () => {
    await groq.chat.completions.create({ model: 'openai/gpt-oss-20b', messages });
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  });
  await withGroqAttributes({ function_name: 'answer_customer', feature: 'support' }, async () => {
    const assistant = await openai.beta.assistants.create({
      model: 'gpt-4.1-mini',
      instructions: 'Be brief.',
    });
    await openai.beta.threads.createAndRunPoll({
      assistant_id: assistant.id,
      thread: { messages: [{ role: 'user', content: 'Where is my parcel?' }] },
    });
  });
  await tracerProvider.forceFlush();
}

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

describe.each([sqliteTarget, postgresTarget])('Groq and OpenAI in one ledger', (makeTarget) => {
  const target = makeTarget();
  let db: string;
  let ledger: Ledger;

  beforeAll(async () => {
    db = await target.newDatabase();
    ledger = await openLedger({ db });
    await runApp(ledger);
  });
  afterAll(async () => {
    await ledger.close();
    await target.cleanup();
  });

  it(`${target.name}: one row per operation with provider, operation type and function name`, async () => {
    // The run starts at its `started_at`, in whole seconds: order the rows by what they are.
    const rows = (await ledger.operations({ from: FROM, to: TO })).sort((a, b) =>
      `${a.provider} ${a.operation}`.localeCompare(`${b.provider} ${b.operation}`),
    );
    expect(
      rows.map((row) => [
        row.provider,
        row.operation,
        row.operationType,
        row.requestModel,
        row.functionName,
        row.costQuanta,
      ]),
    ).toEqual([
      ['groq', 'chat', 'chat', 'openai/gpt-oss-20b', 'summarise_ticket', GROQ_CHAT],
      ['openai', 'assistant', 'assistant', 'gpt-4.1-mini', 'answer_customer', OPENAI_RUN],
      ['openai', 'chat', 'chat', 'gpt-4o-mini', 'summarise_ticket', OPENAI_CHAT],
    ]);
    expect(rows.map((row) => row.baselineCostQuanta)).toEqual([GROQ_CHAT_BASELINE, null, null]);
  });

  it(`${target.name}: spend by provider, the baseline on Groq's rows only`, async () => {
    const report = await ledger.spendBy({ by: 'provider', from: FROM, to: TO });
    expect(
      report.rows.map((row) => [
        row.key,
        row.operations,
        row.costQuanta,
        row.baselineCostQuanta,
        row.baselineUnpricedOperations,
      ]),
    ).toEqual([
      ['openai', 2, OPENAI_CHAT + OPENAI_RUN, 0n, 0],
      ['groq', 1, GROQ_CHAT, GROQ_CHAT_BASELINE, 0],
    ]);
    // $0.00001575 + $0.0000448 on OpenAI, $0.000010275 on Groq
    expect(report.rows.map((row) => row.costUsd)).toEqual(['0.000060550000', '0.000010275000']);
    expect(report.total.costQuanta).toBe(GROQ_CHAT + OPENAI_CHAT + OPENAI_RUN);
  });

  it(`${target.name}: spend by function name and by operation type`, async () => {
    const byFunction = await ledger.spendBy({ by: 'function_name', from: FROM, to: TO });
    expect(byFunction.rows.map((row) => [row.key, row.operations, row.costQuanta])).toEqual([
      ['answer_customer', 1, OPENAI_RUN],
      ['summarise_ticket', 2, GROQ_CHAT + OPENAI_CHAT],
    ]);
    const byType = await ledger.spendBy({ by: 'operation_type', from: FROM, to: TO });
    expect(byType.rows.map((row) => [row.key, row.operations])).toEqual([
      ['assistant', 1],
      ['chat', 2],
    ]);
  });

  it(`${target.name}: groqmeter-ledger --by provider`, async () => {
    const { stdout } = await run(
      process.execPath,
      [CLI, '--db', db, '--by', 'provider', '--format', 'csv', '--from', '2000-01-01', '--to', '2099-12-31'],
      {
        env: { PATH: process.env.PATH },
      },
    );
    const [header, ...lines] = stdout.trim().split('\n');
    expect(header?.split(',').slice(0, 3)).toEqual(['provider', 'operations', 'input_tokens']);
    expect(lines.map((line) => line.split(',')[0])).toEqual(['openai', 'groq']);
    expect(stdout).toContain('0.000060550000');
    expect(stdout).toContain('0.000010275000');
  });
});
