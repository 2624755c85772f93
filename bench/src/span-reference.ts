/**
 * The floor under any tracing instrumentation of a Stainless client (groq-sdk, openai): wrappers
 * around `chat.completions.create` that do nothing, or only what one OTel SDK span per call costs,
 * with as many attributes as groqmeter's own chat span. The groq-sdk suite measures them as
 * reference rows beside groqmeter's, and `tools/span-floor.ts` in CPU time.
 */
import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { createGroqmeterMetricProducer } from '@groqmeter/recorder';
import { type Attributes, context, type SpanKind, type Tracer, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type GroqClient from 'groq-sdk';
import { BENCH_MESSAGES, BENCH_MODEL } from './bench-workload';
import type { StainlessChatClient } from './stainless-contender';

type Create = StainlessChatClient['chat']['completions']['create'];

/** What groqmeter put on the span of one non-streaming chat call, split as it set it. */
export interface ChatSpanShape {
  name: string;
  kind: SpanKind;
  /** The attributes the span had when it started. */
  startAttributes: Attributes;
  /** The attributes set between its start and its end. */
  endAttributes: Attributes;
}

/** How many attributes a span of this shape carries when it ends. */
export function attributeCount(shape: ChatSpanShape): number {
  return Object.keys(shape.startAttributes).length + Object.keys(shape.endAttributes).length;
}

/** Keeps the attributes of the last span at its start and at its end. */
class ShapeRecorder implements SpanProcessor {
  started: Attributes = {};
  ended: ReadableSpan | undefined;
  onStart(span: Span): void {
    this.started = { ...span.attributes };
  }
  onEnd(span: ReadableSpan): void {
    this.ended = span;
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/**
 * The span groqmeter records for one non-streaming `chat.completions.create` through `client`,
 * read from a tracer provider and a metric producer of its own, so that nothing the suite
 * measures or counts sees this call.
 */
export async function groqmeterChatSpanShape(client: GroqClient): Promise<ChatSpanShape> {
  const recorder = new ShapeRecorder();
  const instrumented = instrumentGroq(client, {
    tracerProvider: new BasicTracerProvider({ spanProcessors: [recorder] }),
    metricProducer: createGroqmeterMetricProducer(),
  });
  await instrumented.chat.completions.create({ model: BENCH_MODEL, messages: BENCH_MESSAGES });
  const span = recorder.ended;
  if (span === undefined) throw new Error('groqmeter ended no span for a chat call; nothing to mirror.');
  const endAttributes: Attributes = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (!(key in recorder.started)) endAttributes[key] = value;
  }
  return { name: span.name, kind: span.kind, startAttributes: recorder.started, endAttributes };
}

/** A client whose `create` calls `wrap(original, args)` instead of the original. */
function wrappedClient(
  client: StainlessChatClient,
  wrap: (create: Create, args: Parameters<Create>) => ReturnType<Create>,
): StainlessChatClient {
  const completions = client.chat.completions;
  const create = completions.create.bind(completions) as Create;
  return { chat: { completions: { create: (...args) => wrap(create, args) } } };
}

/** `create` wrapped in a plain function that forwards its arguments and returns the SDK's promise. */
export function doNothingClient(client: StainlessChatClient): StainlessChatClient {
  return wrappedClient(client, (create, args) => create(...args));
}

/** How {@link spanClient} records. */
export interface SpanReferenceOptions {
  /** The span's name, kind and attributes: set at its start and before its end, as groqmeter sets them. */
  shape: ChatSpanShape;
  /** Run `create` with the span active in the OTel context (`context.with`), as groqmeter does. */
  activeContext: boolean;
}

/**
 * `create` with one span per call and nothing else: started before the call with the shape's
 * start attributes, given its end attributes and ended when the SDK's promise settles (resolved
 * or rejected; for a stream, when the stream object arrives). The attribute values are the ones
 * groqmeter recorded, computed once: only the span's own cost is left. The SDK's promise is
 * returned as it is.
 */
export function spanClient(
  client: StainlessChatClient,
  tracer: Tracer,
  { shape, activeContext }: SpanReferenceOptions,
): StainlessChatClient {
  const { name, kind, startAttributes, endAttributes } = shape;
  return wrappedClient(client, (create, args) => {
    const parent = context.active();
    const span = tracer.startSpan(name, { kind, attributes: startAttributes }, parent);
    const promise = activeContext
      ? context.with(trace.setSpan(parent, span), () => create(...args))
      : create(...args);
    const end = () => {
      span.setAttributes(endAttributes);
      span.end();
    };
    promise.then(end, end);
    return promise;
  });
}
