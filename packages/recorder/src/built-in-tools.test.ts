import { describe, expect, it } from 'vitest';
import { builtInToolId, countBuiltInToolCalls } from './built-in-tools.js';

describe('built-in tool calls', () => {
  it('maps executed types to catalogue tool ids, unknown types kept as they are', () => {
    expect(builtInToolId('search')).toBe('web_search');
    expect(builtInToolId('visit')).toBe('visit_website');
    expect(builtInToolId('python')).toBe('code_execution');
    expect(builtInToolId('browser_automation')).toBe('browser_automation');
    expect(builtInToolId('wolfram')).toBe('wolfram_alpha');
    expect(builtInToolId('mcp')).toBe('mcp');
  });

  it('counts calls per tool id and skips entries without a type', () => {
    expect(
      countBuiltInToolCalls([
        { index: 0, type: 'search', arguments: '{}' },
        { index: 1, type: 'search', arguments: '{}' },
        { index: 2, type: 'python', arguments: '{}' },
        { index: 3 },
      ]),
    ).toEqual({ web_search: 2, code_execution: 1 });
    expect(countBuiltInToolCalls([])).toBeUndefined();
  });
});
