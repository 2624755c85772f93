import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import type { TelemetryHarness } from '@groqmeter/recorder/testing';
import { type ProxyOptions, type RunningProxy, startProxy } from '../src/index.js';

/** The README's Python example (standard library only), run by the client tests. */
export const PYTHON_EXAMPLE = join(import.meta.dirname, '..', 'examples', 'groq_through_proxy.py');

/** The API key the tests send; no output may ever contain it. */
export const API_KEY = 'gsk_proxytest0123456789abcdefSECRET';

/** A simulator, and a proxy in front of it recording into the test harness, with its log lines kept. */
export interface ProxyUnderTest {
  sim: RunningSimulator;
  proxy: RunningProxy;
  logs: string[];
  close(): Promise<void>;
}

/** Start a simulator (unless given) and a proxy in front of it that records into `telemetry`. */
export async function startProxyUnderTest(
  telemetry: TelemetryHarness,
  options: ProxyOptions = {},
  sim?: RunningSimulator,
): Promise<ProxyUnderTest> {
  const simulator = sim ?? (await startSimulator());
  const logs: string[] = [];
  const proxy = await startProxy({
    port: 0,
    upstream: simulator.openaiBaseURL,
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
    logLevel: 'debug',
    writeLog: (line) => logs.push(line),
    ...options,
  });
  return {
    sim: simulator,
    proxy,
    logs,
    close: async () => {
      await proxy.close();
      if (sim === undefined) await simulator.close();
    },
  };
}

/** Wait until the recorder has ended `count` spans (the side path ends them right after the last byte). */
export async function spansEnded(
  telemetry: TelemetryHarness,
  count: number,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (telemetry.spans().length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} spans, got ${telemetry.spans().length}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The value of the one point whose attributes include `match` (other labels, such as the
 * recorder's `provider`, may be present). Throws when none or several match, so a test never
 * passes on the wrong series.
 */
export function pointValue(
  points: readonly { attributes: Record<string, unknown>; value: unknown }[],
  match: Record<string, unknown>,
): unknown {
  const found = points.filter((point) =>
    Object.entries(match).every(([key, value]) => point.attributes[key] === value),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one point with ${JSON.stringify(match)}, found ${found.length} in ${JSON.stringify(points)}`,
    );
  }
  return found[0]?.value;
}
