import { type RunningSimulator, type SimulatorOptions, startSimulator } from '@groqmeter/groq-simulator';
import {
  type BaselineOperation,
  defaultPriceBook,
  formatUsd,
  type KnownPrice,
  priceUsage,
  toUsdNumber,
  type Usage,
} from '@groqmeter/pricing';
import {
  createTelemetryHarness,
  installAsyncContext,
  type TelemetryHarness,
} from '@groqmeter/recorder/testing';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import Groq from 'groq-sdk';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type InstrumentGroqOptions, instrumentGroq } from '../src/index.js';
import { API_KEY } from './groq-fixture.js';

/** What a test file gets from {@link useSimulatorSuite}. */
export interface SimulatorSuite {
  readonly simulator: RunningSimulator;
  readonly telemetry: TelemetryHarness;
  /** A fresh telemetry harness and a client of the simulator instrumented into it. */
  instrumentedClient(
    options?: InstrumentGroqOptions,
    clientOptions?: ConstructorParameters<typeof Groq>[0],
  ): Groq;
  /** The one span the test produced. */
  onlySpan(): ReadableSpan;
  /**
   * The one span, once it has ended: an operation whose result needs async work (an audio
   * file's header) ends a few ticks after the caller got the answer.
   */
  endedSpan(): Promise<ReadableSpan>;
}

/**
 * One simulator per test file (reset after each test) and one telemetry harness per test, with an
 * AsyncLocalStorage context manager installed.
 */
export function useSimulatorSuite(options: SimulatorOptions = {}): SimulatorSuite {
  let simulator: RunningSimulator | undefined;
  let telemetry: TelemetryHarness | undefined;
  let undoContext: (() => void) | undefined;
  beforeAll(async () => {
    undoContext = installAsyncContext();
    simulator = await startSimulator({ port: 0, ...options });
  });
  afterAll(async () => {
    await simulator?.close();
    undoContext?.();
  });
  afterEach(async () => {
    simulator?.reset();
    await telemetry?.shutdown();
    telemetry = undefined;
  });
  const suite: SimulatorSuite = {
    get simulator() {
      if (simulator === undefined) throw new Error('the simulator starts in beforeAll');
      return simulator;
    },
    get telemetry() {
      if (telemetry === undefined) throw new Error('call instrumentedClient() first');
      return telemetry;
    },
    instrumentedClient(instrumentOptions = {}, clientOptions = {}) {
      telemetry = createTelemetryHarness();
      const client = new Groq({
        apiKey: API_KEY,
        baseURL: suite.simulator.url,
        maxRetries: 2,
        ...clientOptions,
      });
      return instrumentGroq(client, {
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
        ...instrumentOptions,
      });
    },
    onlySpan() {
      return suite.telemetry.onlySpan();
    },
    async endedSpan() {
      await expect.poll(() => suite.telemetry.spans().length).toBe(1);
      return suite.onlySpan();
    },
  };
  return suite;
}

function knownPrice(model: string, usage: Usage): KnownPrice {
  const price = priceUsage(model, usage);
  if (!price.known) throw new Error(`test setup: ${model} has no price (${price.reason})`);
  return price;
}

/** The cost of a usage as the span shows it (USD, 12 decimals), from the price catalogue. */
export function priced(model: string, usage: Usage): string {
  return formatUsd(knownPrice(model, usage).total, 12);
}

/** The cost of a usage as a `groq.cost.usd` counter adds it (USD as a number). */
export function pricedUsd(model: string, usage: Usage): number {
  return toUsdNumber(knownPrice(model, usage).total);
}

/** What the same usage would cost on the operation's default baseline model. */
export function baselinePriced(operation: BaselineOperation, usage: Usage): string {
  return formatUsd(baselinePrice(operation, usage).total, 12);
}

function baselinePrice(operation: BaselineOperation, usage: Usage): KnownPrice {
  const price = defaultPriceBook.priceBaseline(operation, usage);
  if (!price.known) throw new Error(`test setup: no ${operation} baseline price (${price.reason})`);
  return price;
}

/** Every `groq.cost.*` span attribute of a priced usage, from the price catalogue. */
export function costAttributes(model: string, operation: BaselineOperation, usage: Usage) {
  const price = knownPrice(model, usage);
  const baseline = baselinePrice(operation, usage);
  return {
    'groq.cost.usd': formatUsd(price.total, 12),
    'groq.cost.quanta': price.total.toString(),
    'groq.cost.known': true,
    // Every operation of these suites is priced exactly, from current prices.
    'groq.cost.pricing': 'exact',
    'groq.cost.partial': false,
    'groq.cost.stale': false,
    'groq.cost.baseline.usd': formatUsd(baseline.total, 12),
    'groq.cost.baseline.quanta': baseline.total.toString(),
    'groq.cost.baseline.model': baseline.model,
  };
}
