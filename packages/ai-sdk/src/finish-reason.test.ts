import { describe, expect, it } from 'vitest';
import { finishReasonsOf } from './finish-reason.js';

describe('finishReasonsOf', () => {
  it("keeps Groq's raw value from a spec v3 finish reason", () => {
    expect(finishReasonsOf({ unified: 'tool-calls', raw: 'tool_calls' })).toEqual(['tool_calls']);
  });

  it('spells a unified value the way Groq does when the raw one is missing', () => {
    expect(finishReasonsOf({ unified: 'content-filter', raw: undefined })).toEqual(['content_filter']);
    expect(finishReasonsOf('tool-calls')).toEqual(['tool_calls']);
    expect(finishReasonsOf('stop')).toEqual(['stop']);
  });

  it('is undefined without a finish reason', () => {
    expect(finishReasonsOf(undefined)).toBeUndefined();
    expect(finishReasonsOf({})).toBeUndefined();
  });
});
