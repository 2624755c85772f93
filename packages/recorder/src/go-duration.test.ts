import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['7.66s', 7.66],
    ['2m59.56s', 179.56],
    ['1h2m3s', 3723],
    ['500ms', 0.5],
    ['6m0s', 360],
    ['1s', 1],
    ['0', 0],
    ['0s', 0],
    ['1.5h', 5400],
    ['.5s', 0.5],
    ['250us', 0.00025],
    ['250µs', 0.00025],
    ['250μs', 0.00025],
    ['1500ns', 0.0000015],
    ['1m30.5s200ms', 90.7],
    ['  7.66s ', 7.66],
    ['+2s', 2],
    ['-1.5s', -1.5],
  ])('parses %j as %d seconds', (text, seconds) => {
    expect(parseGoDuration(text)).toBe(seconds);
  });

  it.each([
    '',
    ' ',
    '7.66',
    '12',
    's',
    '1x',
    '1.2.3s',
    '1s garbage',
    'abc',
    '1 s',
    '-',
    '.s',
    'NaN',
    '1d',
    '1e3s',
  ])('rejects %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
