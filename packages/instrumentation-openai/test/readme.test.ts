import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { freeLocalPort, runReadmeExample } from '@groqmeter/recorder/testing';
import * as otelApi from '@opentelemetry/api';
import * as contextAsyncHooks from '@opentelemetry/context-async-hooks';
import * as prometheusExporter from '@opentelemetry/exporter-prometheus';
import * as sdkMetrics from '@opentelemetry/sdk-metrics';
import * as openai from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as groqmeterOpenAI from '../src/index.js';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());

it("the README example runs against the simulator and prints the README's output", async () => {
  const { printed, expected } = await runReadmeExample({
    readmePath: join(import.meta.dirname, '..', 'README.md'),
    env: {
      GROQ_API_KEY: 'gsk_readmeExample',
      GROQ_BASE_URL: simulator.openaiBaseURL,
      METRICS_PORT: String(await freeLocalPort()),
    },
    modules: {
      '@groqmeter/instrumentation-openai': groqmeterOpenAI,
      openai,
      '@opentelemetry/api': otelApi,
      '@opentelemetry/context-async-hooks': contextAsyncHooks,
      '@opentelemetry/exporter-prometheus': prometheusExporter,
      '@opentelemetry/sdk-metrics': sdkMetrics,
    },
  });
  expect(printed).toEqual(expected);
});
