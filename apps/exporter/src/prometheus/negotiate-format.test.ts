import { describe, expect, it } from 'vitest';
import { negotiateFormat } from './negotiate-format.js';

describe('negotiateFormat', () => {
  it("serves OpenMetrics to Prometheus 2.x's default Accept header", () => {
    expect(
      negotiateFormat(
        'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      ),
    ).toBe('openmetrics');
  });

  it('serves the text format when it is preferred, absent headers and wildcards', () => {
    expect(negotiateFormat('text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5')).toBe(
      'prometheus',
    );
    expect(negotiateFormat(undefined)).toBe('prometheus');
    expect(negotiateFormat('*/*')).toBe('prometheus');
    expect(negotiateFormat('application/openmetrics-text;q=0')).toBe('prometheus');
  });
});
