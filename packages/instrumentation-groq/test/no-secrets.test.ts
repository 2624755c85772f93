import { FAULT_HEADER } from '@groqmeter/groq-simulator';
import { logs } from '@opentelemetry/api-logs';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import Groq from 'groq-sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { instrumentGroq } from '../src/index.js';
import { API_KEY, CHAT_MODEL } from './groq-fixture.js';
import { useSimulatorSuite } from './simulator-suite.js';

const suite = useSimulatorSuite();
const logExporter = new InMemoryLogRecordExporter();
const loggerProvider = new LoggerProvider({
  processors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
});
logs.setGlobalLoggerProvider(loggerProvider);
afterAll(() => loggerProvider.shutdown());

const messages = [{ role: 'user' as const, content: 'Tell me about our limits.' }];
const quietLogger = { error() {}, warn() {}, info() {}, debug() {} };

describe('no API key in any telemetry', () => {
  it('keeps the key out of every span, metric point and log record, content capture on', async () => {
    const groq = suite.instrumentedClient(
      { captureMessageContent: true },
      { maxRetries: 1, logger: quietLogger },
    );
    await groq.chat.completions.create({ model: CHAT_MODEL, messages });
    for await (const _chunk of await groq.chat.completions.create({
      model: CHAT_MODEL,
      messages,
      stream: true,
    })) {
      // read it all
    }
    await groq.chat.completions
      .create({ model: CHAT_MODEL, messages }, { headers: { [FAULT_HEADER]: '429' } })
      .catch(() => undefined);
    await groq.chat.completions
      .create(
        { model: CHAT_MODEL, messages, stream: true },
        { headers: { [FAULT_HEADER]: 'malformed-chunk' } },
      )
      .then(async (stream) => {
        for await (const _chunk of stream) {
          // until it breaks
        }
      })
      .catch(() => undefined);

    // An error whose message carries the key (a proxy echoing the request, say).
    const leaking = instrumentGroq(
      new Groq({
        apiKey: API_KEY,
        baseURL: suite.simulator.url,
        maxRetries: 0,
        fetch: async () => {
          throw new Error(`upstream refused Authorization: Bearer ${API_KEY}`);
        },
      }),
      { tracerProvider: suite.telemetry.tracerProvider, meterProvider: suite.telemetry.meterProvider },
    );
    await leaking.chat.completions.create({ model: CHAT_MODEL, messages }).catch(() => undefined);

    const spans = suite.telemetry.spans();
    expect(spans).toHaveLength(5);
    const exported = JSON.stringify({
      spans: spans.map((span) => ({
        name: span.name,
        attributes: span.attributes,
        status: span.status,
        events: span.events,
        links: span.links,
        resource: span.resource.attributes,
      })),
      metrics: await suite.telemetry.metrics(),
      logs: logExporter.getFinishedLogRecords().map((record) => ({
        body: record.body,
        attributes: record.attributes,
      })),
    });
    expect(exported).toContain('gen_ai.input.messages');
    expect(exported).not.toContain(API_KEY);
    expect(exported).not.toContain(API_KEY.slice(4));
  });
});
