import { describe, expect, it } from 'vitest';
import { parsePrometheusText, parseSampleValue } from './prometheus-text.js';

describe('parsePrometheusText', () => {
  it('reads names, labels and values, skipping comments and timestamps', () => {
    const text = [
      '# HELP groq_cost_usd_total Cost in USD.',
      '# TYPE groq_cost_usd_total counter',
      'groq_cost_usd_total{model="llama-3.3-70b-versatile",component="input"} 0.000123 1732200000000',
      '',
      'process_uptime 42',
      'groq_ratelimit_remaining{ model = "m" , resource="tokens", } 1.5e3',
      '# EOF',
    ].join('\n');
    expect(parsePrometheusText(text)).toEqual([
      {
        name: 'groq_cost_usd_total',
        labels: { model: 'llama-3.3-70b-versatile', component: 'input' },
        value: 0.000123,
      },
      { name: 'process_uptime', labels: {}, value: 42 },
      { name: 'groq_ratelimit_remaining', labels: { model: 'm', resource: 'tokens' }, value: 1500 },
    ]);
  });

  it('unescapes label values and keeps commas, braces and spaces inside them', () => {
    const text = 'x{feature="a \\"quoted\\", {b}",path="C:\\\\tmp",note="line1\\nline2"} 1\r\n';
    expect(parsePrometheusText(text)).toEqual([
      { name: 'x', labels: { feature: 'a "quoted", {b}', path: 'C:\\tmp', note: 'line1\nline2' }, value: 1 },
    ]);
  });

  it('reads the special values', () => {
    const text = 'a{le="+Inf"} +Inf\nb -Inf\nc NaN\nd -0.5';
    expect(parsePrometheusText(text).map((sample) => sample.value)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      -0.5,
    ]);
  });

  it('names the line and column of malformed input', () => {
    expect(() => parsePrometheusText('ok 1\nbad{model="x" 1')).toThrow(
      'metrics text line 2, column 15: expected "," or "}"; the line is: bad{model="x" 1',
    );
    expect(() => parsePrometheusText('bad{model="x} 1')).toThrow(
      'metrics text line 1, column 16: expected a closing quote; the line is: bad{model="x} 1',
    );
    expect(() => parsePrometheusText('bad one')).toThrow(
      'metrics text line 1, column 4: expected a sample value (a number, +Inf, -Inf or NaN); the line is: bad one',
    );
    expect(() => parsePrometheusText('{x="1"} 1')).toThrow(
      'metrics text line 1, column 1: expected a metric name; the line is: {x="1"} 1',
    );
  });
});

describe('parseSampleValue', () => {
  it.each([
    ['0.25', 0.25],
    ['+Inf', Number.POSITIVE_INFINITY],
    ['1e-3', 0.001],
    ['.5', 0.5],
    ['7', 7],
  ])('reads %s', (text, value) => {
    expect(parseSampleValue(text)).toBe(value);
  });

  it.each(['', 'abc', '1,5', '0x10'])('rejects %j', (text) => {
    expect(parseSampleValue(text)).toBeUndefined();
  });
});
