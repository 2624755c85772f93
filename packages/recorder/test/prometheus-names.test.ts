import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecorder } from '../src/recorder.js';
import { chatStart, RATE_LIMIT_HEADERS, T0, USAGE } from './fixtures.js';

/** The Prometheus series of docs/telemetry.md that the recorder emits (the budget gauge is the exporter's). */
const DOCUMENTED_FAMILIES = {
  gen_ai_client_token_usage: 'histogram',
  gen_ai_client_operation_duration: 'histogram',
  gen_ai_client_operation_time_to_first_chunk: 'histogram',
  gen_ai_client_operation_time_per_output_chunk: 'histogram',
  groq_tokens_total: 'counter',
  groq_cost_usd_total: 'counter',
  groq_cost_baseline_usd_total: 'counter',
  groq_requests_total: 'counter',
  groq_ratelimit_limit: 'gauge',
  groq_ratelimit_remaining: 'gauge',
  groq_ratelimit_reset_seconds: 'gauge',
  groq_ratelimit_hits_total: 'counter',
  groq_retry_after_seconds: 'histogram',
  groq_server_queue_time_seconds: 'histogram',
  groq_server_prompt_time_seconds: 'histogram',
  groq_server_completion_time_seconds: 'histogram',
  groq_server_output_tokens_per_second: 'histogram',
  groq_audio_billed_seconds_total: 'counter',
  groq_speech_characters_total: 'counter',
  groq_tool_calls_total: 'counter',
  groqmeter_dropped_total: 'counter',
  groq_priced_operations_total: 'counter',
  groqmeter_usage_reconciled_total: 'counter',
};

describe('Prometheus series names', () => {
  let meterProvider: MeterProvider | undefined;
  afterEach(async () => {
    await meterProvider?.shutdown();
  });

  it('are exactly the documented ones when exported by @opentelemetry/exporter-prometheus', async () => {
    const exporter = new PrometheusExporter({ preventServerStart: true });
    meterProvider = new MeterProvider({ readers: [exporter] });
    const recorder = createRecorder({ meterProvider, tracerProvider: new BasicTracerProvider() });

    const chat = recorder.start(chatStart({ stream: true }));
    chat.attempt({ status: 429, headers: { ...RATE_LIMIT_HEADERS, 'retry-after': '2' } });
    chat.chunk(T0 + 100);
    chat.chunk(T0 + 120);
    chat.end(
      { usage: USAGE, serverTiming: { queueTime: 0.01, promptTime: 0.002, completionTime: 0.2 } },
      T0 + 300,
    );
    recorder
      .start({ operation: 'transcription', source: 'groq-sdk', requestModel: 'whisper-large-v3-turbo' })
      .end({ usage: { audioSeconds: 4 } });
    recorder
      .start({ operation: 'speech', source: 'groq-sdk', requestModel: 'canopylabs/orpheus-v1-english' })
      .end({ usage: { characters: 120 } });
    recorder
      .start(chatStart({ requestModel: 'groq/compound' }))
      .end({ usage: { toolCalls: { web_search: 1 } } });
    const total = { inputTokens: 10, outputTokens: 5 };
    recorder.start(chatStart({ requestModel: 'groq/compound' })).end({
      usage: total,
      usageBreakdown: [
        { model: 'openai/gpt-oss-120b', usage: total },
        { model: 'openai/gpt-oss-20b', usage: total },
      ],
    });
    recorder.start(chatStart()).abandon();

    const { resourceMetrics } = await exporter.collect();
    const text = new PrometheusSerializer().serialize(resourceMetrics);
    const families = Object.fromEntries(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)]
        .map((match) => [match[1]!, match[2]!])
        .filter(([name]) => name !== 'target_info'),
    );
    expect(families).toEqual(DOCUMENTED_FAMILIES);
    expect(text).toContain('# HELP groq_cost_usd_total Groq cost in US dollars by cost component.');
  });
});
