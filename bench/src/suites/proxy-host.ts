/**
 * A proxy under benchmark, in a process of its own (one Node thread: one core): the groqmeter
 * proxy, or a bare pass-through Node proxy of the same shape (request body read whole, one
 * keep-alive upstream pool, status and raw headers relayed, every chunk written as it arrives)
 * that records nothing: the floor any Node proxy pays. Answers the suite's memory and CPU
 * questions over IPC until it is told to stop.
 */
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startProxy } from '@groqmeter/proxy';
import { createGroqmeterMetricProducer } from '@groqmeter/recorder';
import { trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { scriptInput, sendToParent } from '../bench-process';
import { installOtelPipeline, OnDemandMetricReader } from '../otel-pipeline';

/** What the suite asks a host. */
export type ProxyHostRequest =
  | { type: 'memory-start' }
  | { type: 'memory-stop' }
  | { type: 'cpu' }
  | { type: 'spans' };

/** The heap and RSS of the host over one measured stretch. */
export interface ProxyHostMemory {
  /** Highest heap after a forced GC (sampled every 100 ms), minus the heap at the start. */
  retainedGrowthBytes: number;
  /** Highest resident set size during the stretch. */
  peakRssBytes: number;
}

export interface ProxyHostInput {
  kind: 'bare' | 'groqmeter';
  upstream: string;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

function bareProxy(upstream: string): Promise<string> {
  const base = new URL(upstream);
  const agent = new Agent({ keepAlive: true, scheduling: 'lifo' });
  const prefix = '/openai/v1';
  const server = createServer({ noDelay: true }, (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: string[] = ['Host', base.host];
      for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
        if (!HOP_BY_HOP.has(incoming.rawHeaders[index]!.toLowerCase()))
          headers.push(incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!);
      }
      headers.push('Content-Length', String(body.length));
      const upstreamRequest = request(
        {
          hostname: base.hostname,
          port: base.port,
          method: incoming.method,
          path: base.pathname + (incoming.url ?? '').slice(prefix.length),
          headers,
          agent,
          setHost: false,
        },
        (answer) => {
          const answerHeaders: string[] = [];
          for (let index = 0; index < answer.rawHeaders.length; index += 2) {
            const name = answer.rawHeaders[index]!.toLowerCase();
            if (name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding')
              answerHeaders.push(answer.rawHeaders[index]!, answer.rawHeaders[index + 1]!);
          }
          outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, answerHeaders);
          answer.on('data', (chunk: Buffer) => {
            if (!outgoing.write(chunk)) {
              answer.pause();
              outgoing.once('drain', () => answer.resume());
            }
          });
          answer.on('end', () => outgoing.end());
        },
      );
      upstreamRequest.on('error', () => outgoing.destroy());
      outgoing.on('close', () => upstreamRequest.destroy());
      upstreamRequest.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`),
    ),
  );
}

/** A reader collected on demand, here also reading groqmeter's metric producer. */

async function groqmeterProxy(upstream: string): Promise<string> {
  // As the proxy's own OTel set-up does: the recorder reports through a metric producer that the
  // reader collects; the proxy's self-metrics stay on the meter.
  const metricProducer = createGroqmeterMetricProducer();
  const proxy = await startProxy({
    port: 0,
    upstream,
    logLevel: 'silent',
    // The SDK set-up of every suite: batch span processor exporting nowhere, metrics aggregated.
    tracerProvider: trace.getTracerProvider(),
    meterProvider: new MeterProvider({
      readers: [new OnDemandMetricReader({ metricProducers: [metricProducer] })],
    }),
    metricProducer,
  });
  return proxy.baseURL;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const input = scriptInput<ProxyHostInput>();
const pipeline = installOtelPipeline();
const baseURL =
  input.kind === 'bare' ? await bareProxy(input.upstream) : await groqmeterProxy(input.upstream);
let sampler: NodeJS.Timeout | undefined;
let startHeap = 0;
let retained = 0;
let peakRss = 0;
process.on('message', (message: ProxyHostRequest) => {
  if (message.type === 'memory-start') {
    gc();
    startHeap = process.memoryUsage().heapUsed;
    retained = startHeap;
    peakRss = process.memoryUsage().rss;
    sampler = setInterval(() => {
      gc();
      const usage = process.memoryUsage();
      retained = Math.max(retained, usage.heapUsed);
      peakRss = Math.max(peakRss, usage.rss);
    }, 100);
    void sendToParent({ ok: true });
  } else if (message.type === 'memory-stop') {
    clearInterval(sampler);
    const memory: ProxyHostMemory = { retainedGrowthBytes: retained - startHeap, peakRssBytes: peakRss };
    void sendToParent(memory);
  } else if (message.type === 'spans') {
    void sendToParent({ spans: pipeline.spansEnded() });
  } else {
    const { user, system } = process.cpuUsage();
    void sendToParent({ cpuMicros: user + system });
  }
});
await sendToParent({ baseURL });
