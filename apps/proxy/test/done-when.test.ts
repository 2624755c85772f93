import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { type RunningExporter, startExporter } from '@groqmeter/exporter';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { openLedger } from '@groqmeter/ledger';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API_KEY, PYTHON_EXAMPLE } from './proxy-under-test.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'groqmeter-proxy.js');
const LEDGER_DB = `sqlite:${join(mkdtempSync(join(tmpdir(), 'proxy-ledger-')), 'ledger.db')}`;

let sim: RunningSimulator;
let exporter: RunningExporter;
let proxy: ChildProcess;
let proxyLog = '';

/** Start `groqmeter-proxy` as users do, and resolve with its base URL from its first log line. */
function startProxyProcess(upstream: string): Promise<string> {
  proxy = spawn(process.execPath, [BIN, '--port', '0', '--upstream', upstream, '--ledger-db', LEDGER_DB], {
    env: {
      ...process.env,
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: exporter.otlpUrl,
      OTEL_METRIC_EXPORT_INTERVAL: '200',
      OTEL_SERVICE_NAME: 'groqmeter-proxy',
      OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=proxy-1',
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proxy.stderr as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      proxyLog += `${line}\n`;
      const entry = JSON.parse(line) as { msg: string; baseURL?: string };
      if (entry.msg === 'groqmeter proxy listening' && entry.baseURL) resolve(entry.baseURL);
    });
    proxy.once('exit', (code) => reject(new Error(`groqmeter-proxy exited with ${code}: ${proxyLog}`)));
  });
}

beforeAll(async () => {
  // A frozen clock: the rate-limit budgets do not refill during the run, so headroom is exact.
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);
  sim = await startSimulator({ now: () => now });
  exporter = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    logLevel: 'warn',
    writeLog: () => undefined,
  });
});
afterAll(async () => {
  proxy?.kill('SIGKILL');
  await exporter?.close();
  await sim?.close();
});

/** The exporter's `/metrics` lines of these families, once the proxy's pushes hold `until`. */
async function scrape(families: RegExp, until: (text: string) => boolean): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = await (await fetch(exporter.metricsUrl)).text();
    if (until(text)) return text.split('\n').filter((line) => families.test(line));
    if (Date.now() > deadline) throw new Error(`the exporter never showed the proxy's metrics:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The value of the one line with this name whose labels include every `label="value"` given. */
function seriesValue(lines: string[], name: string, labels: string[]): number {
  const found = lines.filter(
    (line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)),
  );
  if (found.length !== 1)
    throw new Error(`expected one ${name} line with ${labels.join(',')}, got ${found.join('\n')}`);
  return Number(found[0]?.split(' ').at(-1));
}

describe('done when: a Python script through groqmeter-proxy, seen on the exporter', () => {
  it('shows the exact cost, tokens and headroom of chat, streamed chat and a transcription', async () => {
    const baseURL = await startProxyProcess(sim.openaiBaseURL);
    const { stdout } = await run(inject('python3'), [PYTHON_EXAMPLE, baseURL], {
      env: { ...process.env, GROQ_API_KEY: API_KEY },
    });
    expect(stdout).toBe(
      'chat: 16 words, 41 tokens\nchat stream: 16 words in 34 chunks\ntranscription: 13 words\n',
    );
    // SIGTERM: the proxy drains, pushes its last metrics and closes the ledger.
    const exited = new Promise((resolve) => proxy.once('exit', resolve));
    proxy.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = await scrape(
      /^(groq_cost_usd_total|groq_tokens_total|groq_ratelimit_(limit|remaining)|groq_audio_billed_seconds_total|groq_priced_operations_total|groqmeter_proxy_requests_total)\{/,
      (text) => text.includes('groq_audio_billed_seconds_total{'),
    );
    console.log(lines.join('\n'));

    const chat = ['model="openai/gpt-oss-20b"', 'feature="support-chat"'];
    // Two chats of 9 input and 32 output tokens (16 reasoning): 18 × $0.075/M and 64 × $0.30/M.
    expect(seriesValue(lines, 'groq_tokens_total', [...chat, 'type="input"'])).toBe(18);
    expect(seriesValue(lines, 'groq_tokens_total', [...chat, 'type="output"'])).toBe(64);
    expect(seriesValue(lines, 'groq_tokens_total', [...chat, 'type="reasoning"'])).toBe(32);
    expect(seriesValue(lines, 'groq_cost_usd_total', [...chat, 'component="input"'])).toBe(0.00000135);
    expect(seriesValue(lines, 'groq_cost_usd_total', [...chat, 'component="output"'])).toBe(0.0000192);
    // 5 s of audio, billed 10 s at $0.111/h = $0.000308333…, exactly 37/120000, served as the nearest double.
    const whisper = ['model="whisper-large-v3"', 'feature="support-chat"'];
    expect(seriesValue(lines, 'groq_audio_billed_seconds_total', ['model="whisper-large-v3"'])).toBe(10);
    expect(seriesValue(lines, 'groq_cost_usd_total', [...whisper, 'component="audio"'])).toBe(37 / 120000);
    // Headroom: 8000 TPM less 2 × 41 tokens, 1000 RPD less 2; Whisper 2000 RPD less 1 (no TPM).
    const gptOss = 'model="openai/gpt-oss-20b"';
    expect(seriesValue(lines, 'groq_ratelimit_remaining', [gptOss, 'resource="tokens"'])).toBe(7918);
    expect(seriesValue(lines, 'groq_ratelimit_limit', [gptOss, 'resource="tokens"'])).toBe(8000);
    expect(seriesValue(lines, 'groq_ratelimit_remaining', [gptOss, 'resource="requests"'])).toBe(998);
    expect(
      seriesValue(lines, 'groq_ratelimit_remaining', ['model="whisper-large-v3"', 'resource="requests"']),
    ).toBe(1999);
    expect(seriesValue(lines, 'groq_priced_operations_total', [...chat, 'pricing="exact"'])).toBe(2);
    expect(seriesValue(lines, 'groqmeter_proxy_requests_total', ['outcome="forwarded"'])).toBe(3);

    // The ledger: one row per operation, the user id kept there (never a label).
    const ledger = await openLedger({ db: LEDGER_DB });
    const report = await ledger.spendBy({ by: 'user', from: new Date(0), to: new Date(Date.now() + 60_000) });
    expect(report.rows.map((row) => [row.key, row.operations, row.costUsd])).toEqual([
      ['42', 3, '0.000328883333'],
    ]);
    await ledger.close();
    expect(`${proxyLog}${lines.join('\n')}`).not.toContain(API_KEY);
  });
});
