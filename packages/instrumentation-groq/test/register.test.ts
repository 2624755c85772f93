import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { countPromptTokens, type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CHAT_MODEL } from './groq-fixture.js';
import {
  exportedMetricPoints,
  exportedSpanNames,
  type OtlpReceiver,
  startOtlpReceiver,
} from './otlp-receiver.js';

const packageRoot = join(import.meta.dirname, '..');
const fixture = (name: string) => join(packageRoot, 'test', 'fixtures', name);
const PROMPT_TOKENS = countPromptTokens([{ role: 'user', content: 'How much budget is left?' }]);

let simulator: RunningSimulator;
let receiver: OtlpReceiver;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
afterEach(async () => {
  simulator.reset();
  await receiver.close();
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start an app the way a user would, with the one-line setup, talking to the simulator. */
function startApp(nodeArguments: string[]): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, nodeArguments, {
    cwd: packageRoot,
    env: {
      PATH: process.env.PATH,
      GROQ_API_KEY: API_KEY,
      GROQ_BASE_URL: simulator.url,
      OTEL_SERVICE_NAME: 'register-test',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Longer than any test: what arrives was flushed at exit.
      OTEL_METRIC_EXPORT_INTERVAL: '600000',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exit };
}

function expectChatTelemetry(): void {
  const points = exportedMetricPoints(receiver);
  const point = (metric: string, attributes: Record<string, string>) =>
    points.find(
      (p) =>
        p.metric === metric &&
        Object.entries(attributes).every(([key, value]) => p.attributes[key] === value),
    )?.value;
  expect(point('groq.tokens', { model: CHAT_MODEL, type: 'input' })).toBe(PROMPT_TOKENS);
  expect(point('groq.tokens', { model: CHAT_MODEL, type: 'output' })).toBe(30);
  expect(point('groq.requests', { model: CHAT_MODEL, outcome: 'success' })).toBe(1);
  expect(point('gen_ai.client.operation.duration', { 'gen_ai.request.model': CHAT_MODEL })).toBe(1);
  expect(exportedSpanNames(receiver)).toEqual([`chat ${CHAT_MODEL}`]);
  expect(receiver.requests.map((request) => request.body).join('\n')).not.toContain(API_KEY);
}

describe('@groqmeter/instrumentation-groq/register', () => {
  it('instruments an ESM app started with --import and flushes its telemetry at exit', async () => {
    receiver = await startOtlpReceiver();
    const { exit } = startApp([
      '--import',
      '@groqmeter/instrumentation-groq/register',
      fixture('chat-app.mjs'),
    ]);
    const result = await exit;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ prompt_tokens: PROMPT_TOKENS, completion_tokens: 30 });
    expectChatTelemetry();
    const points = exportedMetricPoints(receiver);
    expect(points.find((p) => p.metric === 'groq.ratelimit.hits')?.value).toBe(1);
  });

  it('instruments a CommonJS app started with -r', async () => {
    receiver = await startOtlpReceiver();
    const { exit } = startApp(['-r', '@groqmeter/instrumentation-groq/register', fixture('chat-app.cjs')]);
    const result = await exit;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectChatTelemetry();
    const points = exportedMetricPoints(receiver);
    expect(points.find((p) => p.metric === 'groq.ratelimit.hits')?.value).toBe(1);
  });

  it('flushes telemetry on SIGTERM and still exits the way Node does by default', async () => {
    receiver = await startOtlpReceiver();
    const { child, exit } = startApp([
      '--import',
      '@groqmeter/instrumentation-groq/register',
      fixture('server-app.mjs'),
    ]);
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
    });
    child.kill('SIGTERM');
    const result = await exit;
    expect(result.signal).toBe('SIGTERM');
    expectChatTelemetry();
  });
});
