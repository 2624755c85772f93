import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startExporter } from '../src/index.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function logOfFailingPoll(settings: { groqApiKey: string; groqBaseUrl: string }): Promise<string> {
  const lines: string[] = [];
  const exporter = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    logLevel: 'debug',
    token: 'push-token-value',
    writeLog: (line) => lines.push(line),
    ...settings,
  });
  try {
    await expect.poll(() => lines.some((line) => line.includes('model catalogue poll failed'))).toBe(true);
  } finally {
    await exporter.close();
  }
  return lines.join('');
}

describe('the exporter log, on a failing catalogue poll', () => {
  it('never holds a GROQ_API_KEY with an embedded newline, nor the push token', async () => {
    const log = await logOfFailingPoll({
      groqApiKey: 'gsk_live_first\nSECRET_TAIL-42',
      groqBaseUrl: `http://127.0.0.1:${await closedPort()}`,
    });
    expect(log).not.toMatch(/first|SECRET_TAIL|push-token-value/);
  });

  it('never holds the user or password of --groq-base-url', async () => {
    const log = await logOfFailingPoll({
      groqApiKey: 'gsk_plain',
      groqBaseUrl: `http://groq-user:hunter2@127.0.0.1:${await closedPort()}`,
    });
    expect(log).not.toMatch(/hunter2|groq-user/);
  });
});
