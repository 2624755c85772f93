/**
 * An app whose OTLP endpoint is unreachable, run the way users run it (a child process with the
 * one-line setup): it exits about a second after its work ends, with its own output and exit code,
 * and prints one warning naming the endpoint, however many exports fail.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { countPromptTokens, type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY } from './groq-fixture.js';

const packageRoot = join(import.meta.dirname, '..');
const fixture = (name: string) => join(packageRoot, 'test', 'fixtures', name);
const PROMPT_TOKENS = countPromptTokens([{ role: 'user', content: 'How much budget is left?' }]);
/** The warning line Node prints for `process.emitWarning(message, 'GroqmeterTelemetryWarning')`. */
const WARNING_LINE = /^\(node:\d+\) GroqmeterTelemetryWarning: (.*)$/gm;

let simulator: RunningSimulator;
/** Accepts connections and never answers: an endpoint behind a black hole, on loopback. */
let silentServer: Server;
const silentSockets = new Set<Socket>();

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  silentServer = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
  });
  await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silentServer.close(resolve));
  await simulator.close();
});

/** A port on 127.0.0.1 that refuses connections: bound a moment ago, then closed. */
async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the app's last line of output to the process's exit, in milliseconds. */
  exitLagMs: number;
}

/** Runs a fixture app with `--import register`, OTLP going to `endpoint`, and times its exit. */
function runApp(app: string, endpoint: string, env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', '@groqmeter/instrumentation-groq/register', fixture(app)],
    {
      cwd: packageRoot,
      env: {
        PATH: process.env.PATH,
        GROQ_API_KEY: API_KEY,
        GROQ_BASE_URL: simulator.url,
        OTEL_SERVICE_NAME: 'unreachable-endpoint-test',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        ...env,
      },
    },
  );
  let stdout = '';
  let stderr = '';
  let workEndedAt = Number.NaN;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    workEndedAt = performance.now();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, exitLagMs: performance.now() - workEndedAt }),
    ),
  );
}

function warnings(stderr: string): string[] {
  return [...stderr.matchAll(WARNING_LINE)].map((match) => match[1] ?? '');
}

describe('register with an unreachable OTLP endpoint', () => {
  it('exits about a second after the work ends, warning once with the endpoints (connection refused)', async () => {
    const endpoint = `http://127.0.0.1:${await refusingPort()}`;
    const run = await runApp('chat-app.mjs', endpoint);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ prompt_tokens: PROMPT_TOKENS, completion_tokens: 30 });
    // The deadline is 1 s; the rest is the shared machine's slack, far below the 10 s of retries.
    expect(run.exitLagMs).toBeGreaterThanOrEqual(900);
    expect(run.exitLagMs).toBeLessThan(3000);
    expect(warnings(run.stderr)).toEqual([
      `telemetry could not be sent to ${endpoint}/v1/traces, ${endpoint}/v1/metrics, ${endpoint}/v1/logs ` +
        '(nothing was delivered within 1000 ms of the end); the app is not affected and its telemetry is ' +
        'dropped. Shown once per process; OTEL_LOG_LEVEL=debug shows every failure.',
    ]);
  });

  it('warns once however many periodic exports fail, and keeps the exit code the app set', async () => {
    const endpoint = `http://127.0.0.1:${await refusingPort()}/custom/metrics`;
    const run = await runApp('chat-then-wait-app.mjs', 'http://127.0.0.1:1', {
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: endpoint,
      // An export every 50 ms, each given up after 50 ms (no retries): a dozen failures meanwhile.
      OTEL_METRIC_EXPORT_INTERVAL: '50',
      OTEL_METRIC_EXPORT_TIMEOUT: '50',
      OTEL_EXPORTER_OTLP_TIMEOUT: '50',
    });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ prompt_tokens: PROMPT_TOKENS, completion_tokens: 30 });
    expect(run.exitLagMs).toBeLessThan(3000);
    const [warning, ...more] = warnings(run.stderr);
    expect(more).toEqual([]);
    expect(warning).toMatch(
      new RegExp(
        `^telemetry could not be sent to ${endpoint} \\(.*ECONNREFUSED.*\\); the app is not affected`,
      ),
    );
  });

  it('exits about a second after the work ends when the endpoint accepts and never answers', async () => {
    const { port } = silentServer.address() as { port: number };
    const endpoint = `http://127.0.0.1:${port}`;
    const run = await runApp('chat-app.mjs', endpoint, {
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    });
    expect(run.code).toBe(0);
    expect(run.exitLagMs).toBeGreaterThanOrEqual(900);
    expect(run.exitLagMs).toBeLessThan(3000);
    expect(warnings(run.stderr)).toEqual([
      `telemetry could not be sent to ${endpoint}/v1/metrics (nothing was delivered within 1000 ms of the end); ` +
        'the app is not affected and its telemetry is dropped. Shown once per process; ' +
        'OTEL_LOG_LEVEL=debug shows every failure.',
    ]);
  });
});
