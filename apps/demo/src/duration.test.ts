import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['60', 60],
    ['8', 8],
    ['2.5', 2.5],
    ['20s', 20],
    ['1m', 60],
    ['1m30s', 90],
    ['1.5h', 5400],
    ['500ms', 0.5],
    ['1h2m3s', 3723],
    [' 45s ', 45],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '0', '0s', 'abc', '10x', '1m 30s', '-5', 's', '1m30'])(
    'rejects %j with the accepted forms',
    (text) => {
      expect(() => parseDuration(text)).toThrow(
        `"${text}" is not a duration: expected a positive number of seconds (60) or number-unit parts (20s, 1m, 1m30s, 500ms)`,
      );
    },
  );
});
