import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './go-duration';

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [0.25, '250ms'],
    [1, '1s'],
    [7.66, '7.66s'],
    [59.999, '59.999s'],
    [60, '1m0s'],
    [179.56, '2m59.56s'],
    [360, '6m0s'],
    [3600, '1h0m0s'],
    [86_399.5, '23h59m59.5s'],
    [1.9849999, '1.985s'],
  ])('formats %s seconds as %s', (seconds, expected) => {
    expect(formatGoDuration(seconds)).toBe(expected);
  });

  it('rejects negative and non-finite values with a message that says what to do', () => {
    expect(() => formatGoDuration(-1)).toThrow('Clamp negative waits to 0');
    expect(() => formatGoDuration(Number.NaN)).toThrow(RangeError);
  });
});
