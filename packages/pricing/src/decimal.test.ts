import { describe, expect, it } from 'vitest';
import { decimalFromNumber, divideRoundingUp, parseDecimal } from './decimal.js';

describe('parseDecimal', () => {
  it.each([
    ['0.0375', { units: 375n, scale: 4 }],
    ['12', { units: 12n, scale: 0 }],
    ['-1.50', { units: -150n, scale: 2 }],
  ])('reads %s', (text, decimal) => {
    expect(parseDecimal(text)).toEqual(decimal);
  });

  it.each(['1e3', '.5', '5.', '+1', '', '0x10', '1 '])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });
});

describe('decimalFromNumber', () => {
  it.each([
    [0.1, { units: 1n, scale: 1 }],
    [12.345, { units: 12345n, scale: 3 }],
    [1e-7, { units: 1n, scale: 7 }],
    [1.5e-7, { units: 15n, scale: 8 }],
    [1e21, { units: 1_000_000_000_000_000_000_000n, scale: 0 }],
    [0, { units: 0n, scale: 0 }],
  ])('reads %s as the decimal it prints as', (value, decimal) => {
    expect(decimalFromNumber(value)).toEqual(decimal);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (value) => {
    expect(() => decimalFromNumber(value)).toThrow(new RangeError(`expected a finite number, got ${value}`));
  });
});

describe('divideRoundingUp', () => {
  it.each([
    [10n, 5n, 2n],
    [11n, 5n, 3n],
    [0n, 7n, 0n],
  ])('%s / %s rounds up to %s', (numerator, denominator, quotient) => {
    expect(divideRoundingUp(numerator, denominator)).toBe(quotient);
  });
});
