import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummary, formatUsd } from './format-summary.js';
import { summarizeMetrics } from './metrics-summary.js';
import { parsePrometheusText } from './prometheus-text.js';

const fixture = readFileSync(new URL('../test/fixtures/exporter-metrics.prom', import.meta.url), 'utf8');

describe('formatSummary', () => {
  it('prints spend, tokens, requests, headroom, latency and budget use as an aligned table', () => {
    const text = formatSummary(
      summarizeMetrics(parsePrometheusText(fixture)),
      'http://127.0.0.1:9464/metrics',
    );
    expect(text).toBe(
      [
        'groqmeter demo summary (from http://127.0.0.1:9464/metrics)',
        'Spend         total                             $0.002046',
        '              priced                            90.9% of 22 operations exact (1 partial, 0 stale, 0 unpriced, 1 usage missing)',
        '  by service  demo-groq-sdk                     $0.001491',
        '              demo-ai-sdk                       $0.000295',
        '              demo-langchain                    $0.000260',
        '  by provider groq                              $0.002046',
        '  by model    llama-3.3-70b-versatile           $0.001675',
        '              llama-3.1-8b-instant              $0.000260',
        '              whisper-large-v3-turbo            $0.000111',
        '  by feature  support-chat                      $0.001380',
        '              (none)                            $0.000295',
        '              summarizer                        $0.000260',
        '              voice-notes                       $0.000111',
        'Tokens        input                             3,500',
        '              output                            3,000',
        '              cached_input                      512',
        'Requests      demo-ai-sdk                       4 (0 errors, 0 rate-limited)',
        '              demo-groq-sdk                     12 (0 errors, 0 rate-limited)',
        '              demo-langchain                    10 (3 errors, 3 rate-limited)',
        'Headroom      llama-3.1-8b-instant tokens       12.5% left (750 of 6,000)  <- lowest',
        '              llama-3.3-70b-versatile tokens    50.0% left (6,000 of 12,000)',
        '              llama-3.3-70b-versatile requests  98.6% left (986 of 1,000)',
        'Latency p95   all operations                    0.960 s',
        '              llama-3.3-70b-versatile           1.120 s (10 operations)',
        '              llama-3.1-8b-instant              0.608 s (10 operations)',
        'Budgets       voice-notes-daily                 $0.000111 of $0.000100 per day (111.0%) on feature=voice-notes, EXCEEDED, enforced',
        '              support-chat-daily                $0.001380 of $0.002000 per day (69.0%) on feature=support-chat, warning: 50% crossed',
        '              all-monthly                       $0.002046 of $10.000000 per month (0.0%) on all',
      ].join('\n'),
    );
  });

  it('says what is missing instead of printing empty sections', () => {
    expect(formatSummary(summarizeMetrics([]), 'http://127.0.0.1:19464/metrics')).toBe(
      [
        'groqmeter demo summary (from http://127.0.0.1:19464/metrics)',
        'Spend         total           $0.000000',
        '              priced          no operations with billable usage reported',
        '  by service  none recorded',
        '  by provider none recorded',
        '  by model    none recorded',
        '  by feature  none recorded',
        'Tokens        none recorded',
        'Requests      none recorded',
        'Headroom      none recorded',
        'Latency p95   all operations  no data',
        'Budgets       none recorded',
      ].join('\n'),
    );
  });
});

describe('formatUsd', () => {
  it('shows micro-dollars', () => {
    expect(formatUsd(0.0000015)).toBe('$0.000002');
    expect(formatUsd(12.5)).toBe('$12.500000');
  });
});
