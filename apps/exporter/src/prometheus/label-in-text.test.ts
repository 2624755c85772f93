import { describe, expect, it } from 'vitest';
import { labelValueIn, scopeMatchesText } from './label-in-text.js';
import { labelText } from './label-text.js';

describe('labelValueIn', () => {
  it('reads one label of a label text, escapes undone, only at a label boundary', () => {
    const text = labelText([
      ['a_model', 'x'],
      ['feature', 'say "hi",\nmodel="y" \\'],
      ['model', 'm'],
      ['pricing', ''],
    ]);
    expect(labelValueIn(text, 'a_model')).toBe('x');
    expect(labelValueIn(text, 'feature')).toBe('say "hi",\nmodel="y" \\');
    expect(labelValueIn(text, 'model')).toBe('m');
    expect(labelValueIn(text, 'pricing')).toBe('');
    expect(labelValueIn(text, 'odel')).toBeUndefined();
    expect(labelValueIn(text, 'absent')).toBeUndefined();
    expect(labelValueIn('', 'model')).toBeUndefined();
  });

  it('matches a budget scope: every label of it, with its value', () => {
    const text = labelText([
      ['feature', 'search'],
      ['model', 'm'],
    ]);
    expect(scopeMatchesText({}, text)).toBe(true);
    expect(scopeMatchesText({ feature: 'search', model: 'm' }, text)).toBe(true);
    expect(scopeMatchesText({ feature: 'search', model: 'n' }, text)).toBe(false);
    expect(scopeMatchesText({ team: '' }, text)).toBe(false);
  });
});
