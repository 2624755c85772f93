import { describe, expect, it } from 'vitest';
import { escapeRegex, interpolate, type QueryVariables } from './interpolate.js';

const variables: QueryVariables = {
  filters: { job: '.*', model: ['llama-3.3-70b-versatile', 'openai/gpt-oss-20b'], feature: ['chat'] },
  rangeSeconds: 3600,
  rateIntervalSeconds: 60,
  intervalSeconds: 15,
};

describe('interpolate', () => {
  it('replaces the range variables, the longest names first', () => {
    expect(
      interpolate(
        'x[$__range] / $__range_s / $__range_ms [$__rate_interval] [$__interval] $__interval_ms',
        variables,
      ),
    ).toBe('x[3600s] / 3600 / 3600000 [60s] [15s] 15000');
  });

  it('uses a string filter verbatim and escapes and ORs a list', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's braced variable syntax under test.
    expect(interpolate('m{job=~"$job", model=~"${model}", feature=~"$feature"}', variables)).toBe(
      'm{job=~".*", model=~"(llama-3\\\\.3-70b-versatile|openai/gpt-oss-20b)", feature=~"chat"}',
    );
  });

  it('says which variable has no value', () => {
    expect(() => interpolate('m{operation=~"$operation"}', variables)).toThrow(
      'No value for the variable $operation in query: m{operation=~"$operation"}',
    );
  });
});

describe('escapeRegex', () => {
  it('escapes regex metacharacters with a backslash that survives the PromQL string', () => {
    expect(escapeRegex('a.b+c')).toBe('a\\\\.b\\\\+c');
  });
});
