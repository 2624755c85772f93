import { createRequire } from 'node:module';
import { COMPLETION_TOKENS_HEADER, FAULT_COUNT_HEADER, FAULT_HEADER } from '@groqmeter/groq-simulator';
import { createRecorder, runWithRecordingSuppressed } from '@groqmeter/recorder';
import { createTelemetryHarness, type TelemetryHarness } from '@groqmeter/recorder/testing';
import { context, type Tracer, type TracerProvider } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import Groq from 'groq-sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { GroqInstrumentation, instrumentGroq } from '../src/index.js';
import { API_KEY, answeringWith, CHAT_MODEL } from './groq-fixture.js';
import { useSimulatorSuite } from './simulator-suite.js';

const require = createRequire(import.meta.url);
const messages = [{ role: 'user' as const, content: 'Patch me in.' }];
const answer = { headers: { [COMPLETION_TOKENS_HEADER]: '24' } };

const suite = useSimulatorSuite();
const instrumentation = new GroqInstrumentation({ enabled: false });
// Enabled before groq-sdk is required, as `registerInstrumentations` or the Node SDK would do.
instrumentation.enable();
// `test:versions` points GROQMETER_GROQ_SDK_DIR at the groq-sdk under test (its CJS entry).
const patched = require(process.env.GROQMETER_GROQ_SDK_DIR ?? 'groq-sdk') as typeof import('groq-sdk');
afterAll(() => instrumentation.disable());

function patchedClient(harness: TelemetryHarness, options: ConstructorParameters<typeof Groq>[0] = {}) {
  instrumentation.setTracerProvider(harness.tracerProvider);
  instrumentation.setMeterProvider(harness.meterProvider);
  return new patched.Groq({ apiKey: API_KEY, baseURL: suite.simulator.url, maxRetries: 2, ...options });
}

/** A span's facts that do not depend on ids or on when it ran. */
function comparable(span: ReadableSpan) {
  const {
    'gen_ai.response.id': _id,
    'groq.request_id': _requestId,
    'groq.ratelimit.remaining.tokens': _tokens,
    ...attributes
  } = span.attributes;
  return { name: span.name, kind: span.kind, scope: span.instrumentationScope.name, attributes };
}

describe('GroqInstrumentation', () => {
  it('patches every client of a required groq-sdk, retries included', async () => {
    const harness = createTelemetryHarness();
    const groq = patchedClient(harness);
    await groq.chat.completions.create(
      { model: CHAT_MODEL, messages },
      { headers: { ...answer.headers, [FAULT_HEADER]: '429', [FAULT_COUNT_HEADER]: '1' } },
    );
    const [span] = harness.spans();
    expect(harness.spans()).toHaveLength(1);
    expect(span?.attributes).toMatchObject({ 'groqmeter.source': 'groq-sdk', 'groq.retries': 1 });
    expect(await harness.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: CHAT_MODEL }, value: 1 },
    ]);
    await harness.shutdown();
  });

  it('produces the same telemetry as instrumentGroq for the same calls', async () => {
    const run = async (groq: Groq) => {
      await groq.chat.completions.create({ model: CHAT_MODEL, messages }, answer);
      for await (const _chunk of await groq.chat.completions.create(
        { model: CHAT_MODEL, messages, stream: true },
        answer,
      )) {
        // read the whole stream
      }
    };
    const viaPatch = createTelemetryHarness();
    await run(patchedClient(viaPatch));
    suite.simulator.reset();
    const viaInstrumentGroq = createTelemetryHarness();
    await run(
      instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: suite.simulator.url }), {
        tracerProvider: viaInstrumentGroq.tracerProvider,
        meterProvider: viaInstrumentGroq.meterProvider,
      }),
    );

    const spansOf = (harness: TelemetryHarness) =>
      harness.spans().map((span) => {
        const { attributes, ...rest } = comparable(span);
        const { 'gen_ai.response.time_to_first_chunk': _ttft, ...stable } = attributes;
        return { ...rest, attributes: stable };
      });
    expect(spansOf(viaPatch)).toHaveLength(2);
    expect(spansOf(viaPatch)).toEqual(spansOf(viaInstrumentGroq));
    expect(await viaPatch.metricNames()).toEqual(await viaInstrumentGroq.metricNames());
    for (const name of ['groq.tokens', 'groq.cost.usd', 'groq.requests', 'gen_ai.client.token.usage']) {
      expect(await viaPatch.points(name)).toEqual(await viaInstrumentGroq.points(name));
    }
    await viaPatch.shutdown();
    await viaInstrumentGroq.shutdown();
  });

  it('records a client once when it is both patched and instrumented explicitly', async () => {
    const patchHarness = createTelemetryHarness();
    const ownHarness = createTelemetryHarness();
    const groq = instrumentGroq(patchedClient(patchHarness), {
      tracerProvider: ownHarness.tracerProvider,
      meterProvider: ownHarness.meterProvider,
      attributes: { feature: 'own-recorder' },
    });
    await groq.chat.completions.create(
      { model: CHAT_MODEL, messages },
      { headers: { [FAULT_HEADER]: '429', [FAULT_COUNT_HEADER]: '1' } },
    );
    expect(patchHarness.spans()).toEqual([]);
    expect(ownHarness.spans().map((span) => span.attributes['groq.retries'])).toEqual([1]);
    expect(await ownHarness.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: CHAT_MODEL }, value: 1 },
    ]);
    await patchHarness.shutdown();
    await ownHarness.shutdown();
  });

  it('records nothing for a call made inside runWithRecordingSuppressed, and returns the same answer', async () => {
    const harness = createTelemetryHarness();
    const groq = patchedClient(harness);
    const completion = await runWithRecordingSuppressed(() =>
      groq.chat.completions.create({ model: CHAT_MODEL, messages }, answer),
    );
    expect(completion.usage?.completion_tokens).toBe(24);
    expect(harness.spans()).toEqual([]);
    expect(await harness.metricNames()).toEqual([]);
    await harness.shutdown();
  });

  it("shows a suppressed call's HTTP attempts to the operation of the adapter that records it", async () => {
    const harness = createTelemetryHarness();
    const groq = patchedClient(harness);
    const recorder = createRecorder({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
    });
    const outer = recorder.start({ operation: 'chat', source: 'langchain', requestModel: CHAT_MODEL });
    await context.with(outer.context, () =>
      runWithRecordingSuppressed(() =>
        groq.chat.completions.create(
          { model: CHAT_MODEL, messages },
          { headers: { [FAULT_HEADER]: '429', [FAULT_COUNT_HEADER]: '1' } },
        ),
      ),
    );
    outer.end({});
    const spans = harness.spans();
    expect(
      spans.map((span) => [span.attributes['groqmeter.source'], span.attributes['groq.retries']]),
    ).toEqual([['langchain', 1]]);
    expect(await harness.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: CHAT_MODEL }, value: 1 },
    ]);
    await harness.shutdown();
  });

  it('never breaks the call when recording fails', async () => {
    const throwingTracer = {
      startSpan() {
        throw new Error('tracer is broken');
      },
    } as unknown as Tracer;
    const brokenProvider: TracerProvider = { getTracer: () => throwingTracer };
    const harness = createTelemetryHarness();
    const groq = instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: suite.simulator.url }), {
      tracerProvider: brokenProvider,
      meterProvider: harness.meterProvider,
    });
    const completion = await groq.chat.completions.create({ model: CHAT_MODEL, messages }, answer);
    expect(completion.usage?.completion_tokens).toBe(24);
    expect(await harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'recorder_error' }, value: 1 },
    ]);
    await harness.shutdown();
  });

  it('tolerates an answer of an unexpected shape', async () => {
    const harness = createTelemetryHarness();
    const groq = instrumentGroq(
      new Groq({
        apiKey: API_KEY,
        baseURL: suite.simulator.url,
        fetch: answeringWith({ choices: 'none', usage: 3 }),
      }),
      { tracerProvider: harness.tracerProvider, meterProvider: harness.meterProvider },
    );
    const odd = await groq.chat.completions.create({ model: CHAT_MODEL, messages });
    expect(odd.choices).toBe('none');
    expect(harness.spans()).toHaveLength(1);
    expect(await harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
    await harness.shutdown();
  });

  it('stops recording after disable() and restores the SDK methods', async () => {
    const harness = createTelemetryHarness();
    const groq = patchedClient(harness);
    instrumentation.disable();
    try {
      expect(patched.Groq.Chat.Completions.prototype.create).not.toHaveProperty('__wrapped');
      expect(patched.Groq.prototype.fetchWithTimeout).not.toHaveProperty('__wrapped');
      await groq.chat.completions.create({ model: CHAT_MODEL, messages }, answer);
      expect(harness.spans()).toEqual([]);
    } finally {
      instrumentation.enable();
    }
    await groq.chat.completions.create({ model: CHAT_MODEL, messages }, answer);
    expect(harness.spans()).toHaveLength(1);
    await harness.shutdown();
  });
});

describe('instrumentGroq', () => {
  it('returns the same client and instruments it once', async () => {
    const harness = createTelemetryHarness();
    const options = { tracerProvider: harness.tracerProvider, meterProvider: harness.meterProvider };
    const client = new Groq({ apiKey: API_KEY, baseURL: suite.simulator.url });
    expect(instrumentGroq(client, options)).toBe(client);
    expect(instrumentGroq(client, options)).toBe(client);
    await client.chat.completions.create({ model: CHAT_MODEL, messages }, answer);
    expect(harness.spans()).toHaveLength(1);
    await harness.shutdown();
  });

  it('says what it expected when given something else than a groq-sdk client', () => {
    expect(() => instrumentGroq({ chat: {} })).toThrow(
      new TypeError(
        'instrumentGroq expected a groq-sdk client (created with `new Groq()`), got an instance of Object. ' +
          'Pass the client you call chat.completions.create on.',
      ),
    );
  });
});
