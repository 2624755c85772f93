import { join } from 'node:path';
import * as groqProvider from '@ai-sdk/groq';
import { freeLocalPort, runReadmeExample } from '@groqmeter/recorder/testing';
import * as otelApi from '@opentelemetry/api';
import * as contextAsyncHooks from '@opentelemetry/context-async-hooks';
import * as prometheusExporter from '@opentelemetry/exporter-prometheus';
import * as sdkMetrics from '@opentelemetry/sdk-metrics';
import * as ai from 'ai';
import { expect, it } from 'vitest';
import * as groqmeterAiSdk from '../src/index.js';
import { useGroqSimulator } from './simulator-calls.js';

const simulator = useGroqSimulator();

it("the README example runs against the simulator and prints the README's output", async () => {
  const { printed, expected } = await runReadmeExample({
    readmePath: join(import.meta.dirname, '..', 'README.md'),
    env: {
      GROQ_API_KEY: 'gsk_readmeExample',
      GROQ_BASE_URL: simulator().openaiBaseURL,
      METRICS_PORT: String(await freeLocalPort()),
    },
    modules: {
      '@ai-sdk/groq': groqProvider,
      '@groqmeter/ai-sdk': groqmeterAiSdk,
      '@opentelemetry/api': otelApi,
      '@opentelemetry/context-async-hooks': contextAsyncHooks,
      '@opentelemetry/exporter-prometheus': prometheusExporter,
      '@opentelemetry/sdk-metrics': sdkMetrics,
      ai,
    },
  });
  expect(printed).toEqual(expected);
});
