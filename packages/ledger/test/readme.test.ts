import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import * as instrumentationGroq from '@groqmeter/instrumentation-groq';
import { runReadmeExample } from '@groqmeter/recorder/testing';
import * as otelApi from '@opentelemetry/api';
import * as contextAsyncHooks from '@opentelemetry/context-async-hooks';
import * as sdkTraceBase from '@opentelemetry/sdk-trace-base';
import * as groqSdk from 'groq-sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as ledger from '../src/index.js';

let simulator: RunningSimulator;
let directory: string;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-ledger-readme-'));
});
afterAll(async () => {
  otelApi.context.disable();
  await simulator.close();
  await rm(directory, { recursive: true, force: true });
});

it("the README example runs against the simulator and prints the README's output", async () => {
  const { printed, expected } = await runReadmeExample({
    readmePath: join(import.meta.dirname, '..', 'README.md'),
    env: {
      GROQ_API_KEY: 'gsk_readmeExample',
      GROQ_BASE_URL: simulator.url,
      LEDGER_DB: `sqlite:${join(directory, 'groq-ledger.db')}`,
    },
    modules: {
      '@groqmeter/instrumentation-groq': instrumentationGroq,
      '@groqmeter/ledger': ledger,
      '@opentelemetry/api': otelApi,
      '@opentelemetry/context-async-hooks': contextAsyncHooks,
      '@opentelemetry/sdk-trace-base': sdkTraceBase,
      'groq-sdk': groqSdk,
    },
  });
  expect(printed).toEqual(expected);
});
