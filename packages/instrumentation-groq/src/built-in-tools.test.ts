import { describe, expect, it } from 'vitest';
import { builtInToolId, countBuiltInToolCalls } from './built-in-tools.js';

describe('countBuiltInToolCalls', () => {
  it("counts executed tools by the catalogue's tool id", () => {
    expect(
      countBuiltInToolCalls([
        { index: 0, type: 'search', arguments: '{"query":"groq"}' },
        { index: 1, type: 'visit', arguments: '{}' },
        { index: 2, type: 'search', arguments: '{}' },
        { index: 3, type: 'python', arguments: '{}' },
      ]),
    ).toEqual({ web_search: 2, visit_website: 1, code_execution: 1 });
  });

  it('gives undefined when no tool ran, and skips entries without a type', () => {
    expect(countBuiltInToolCalls([])).toBeUndefined();
    expect(countBuiltInToolCalls([{ index: 0 }, null])).toBeUndefined();
  });

  it('keeps the name of a tool type it does not know', () => {
    expect(builtInToolId('browser.open')).toBe('browser_open');
    expect(builtInToolId('new_tool')).toBe('new_tool');
  });
});
