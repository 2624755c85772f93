import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRecorder } from '@groqmeter/recorder';
import { createNoopMeter } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORWARD_EVERYTHING } from '../admission.js';
import { createLogger } from '../log/logger.js';
import { PendingRecordings } from '../telemetry/pending-recordings.js';
import { ProxySelfMetrics } from '../telemetry/self-metrics.js';
import { createProxyHandler } from './proxy-handler.js';
import { createUpstream } from './upstream.js';

let draining = false;
const server = createServer(
  createProxyHandler({
    upstream: createUpstream('http://127.0.0.1:9/openai/v1'),
    recorder: createRecorder(),
    selfMetrics: new ProxySelfMetrics(createNoopMeter()),
    logger: createLogger('silent'),
    logsRequests: false,
    admit: FORWARD_EVERYTHING,
    proxyToken: undefined,
    maxBodyBytes: 1024,
    keyLabelSecret: undefined,
    captureContent: false,
    upstreamTimeoutMs: 1000,
    isDraining: () => draining,
    recording: new PendingRecordings(),
  }),
);
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

describe('/readyz', () => {
  it('is 200 while the proxy takes requests and 503 while it drains; /healthz stays 200', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    draining = true;
    const readyz = await fetch(`${url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ status: 'shutting down' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
