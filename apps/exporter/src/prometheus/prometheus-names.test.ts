import { describe, expect, it } from 'vitest';
import {
  prometheusLabelName,
  prometheusLabelValue,
  prometheusMetricName,
  sanitizePrometheusName,
} from './prometheus-names.js';

describe('prometheusMetricName', () => {
  it('maps the contract instruments like exporter-prometheus: dots to underscores, _total on counters, no unit suffix', () => {
    expect(prometheusMetricName('groq.cost.usd', 'counter')).toBe('groq_cost_usd_total');
    expect(prometheusMetricName('groq.tokens', 'counter')).toBe('groq_tokens_total');
    expect(prometheusMetricName('gen_ai.client.operation.duration', 'histogram')).toBe(
      'gen_ai_client_operation_duration',
    );
    expect(prometheusMetricName('groq.ratelimit.reset.seconds', 'gauge')).toBe(
      'groq_ratelimit_reset_seconds',
    );
    expect(prometheusMetricName('groq.server.output_tokens_per_second', 'histogram')).toBe(
      'groq_server_output_tokens_per_second',
    );
  });

  it('does not add a second _total and never adds one to gauges', () => {
    expect(prometheusMetricName('requests_total', 'counter')).toBe('requests_total');
    expect(prometheusMetricName('in.flight', 'gauge')).toBe('in_flight');
  });

  it('replaces invalid characters, collapses underscores and prefixes a leading digit', () => {
    expect(prometheusMetricName('http.server/duration-ms', 'histogram')).toBe('http_server_duration_ms');
    expect(prometheusMetricName('a..b__c', 'gauge')).toBe('a_b_c');
    expect(prometheusMetricName('9lives', 'gauge')).toBe('_9lives');
  });

  it('refuses names with nothing usable left', () => {
    expect(prometheusMetricName('', 'gauge')).toBeUndefined();
    expect(prometheusMetricName('...', 'counter')).toBeUndefined();
  });
});

describe('label names and values', () => {
  it('sanitises keys like metric names and prefixes a leading digit with key_', () => {
    expect(prometheusLabelName('gen_ai.request.model')).toBe('gen_ai_request_model');
    expect(prometheusLabelName('2fa')).toBe('key_2fa');
    expect(prometheusLabelName('---')).toBeUndefined();
    expect(sanitizePrometheusName('a.b-c')).toBe('a_b_c');
  });

  it('writes strings as they are and other values JSON-encoded', () => {
    expect(prometheusLabelValue('chat')).toBe('chat');
    expect(prometheusLabelValue(200)).toBe('200');
    expect(prometheusLabelValue(true)).toBe('true');
    expect(prometheusLabelValue(['a', 1])).toBe('["a",1]');
    expect(prometheusLabelValue(null)).toBe('');
  });
});
