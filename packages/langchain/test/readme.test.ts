import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import * as langchainGroq from '@langchain/groq';
import * as otelApi from '@opentelemetry/api';
import * as contextAsyncHooks from '@opentelemetry/context-async-hooks';
import * as prometheusExporter from '@opentelemetry/exporter-prometheus';
import * as sdkMetrics from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as groqmeterLangchain from '../src/index.js';
import { freePort, readmeBlock, runExample } from './readme-example.js';

const readme = join(import.meta.dirname, '..', 'README.md');

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});

afterAll(async () => {
  await simulator.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

it("the README example runs against the simulator and prints the README's output", async () => {
  vi.stubEnv('GROQ_API_KEY', 'gsk_readmeExample');
  vi.stubEnv('GROQ_BASE_URL', simulator.url);
  vi.stubEnv('METRICS_PORT', String(await freePort()));
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    printed.push(values.join(' '));
  });

  await runExample(readmeBlock(readme, '## Example', 'js'), {
    '@groqmeter/langchain': groqmeterLangchain,
    '@langchain/groq': langchainGroq,
    '@opentelemetry/api': otelApi,
    '@opentelemetry/context-async-hooks': contextAsyncHooks,
    '@opentelemetry/exporter-prometheus': prometheusExporter,
    '@opentelemetry/sdk-metrics': sdkMetrics,
  });

  expect(printed).toEqual(readmeBlock(readme, 'Output', 'text').trimEnd().split('\n'));
});
