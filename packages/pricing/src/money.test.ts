import { describe, expect, it } from 'vitest';
import { formatUsd, parseUsd, QUANTA_PER_USD, toUsdNumber } from './money.js';
import { PRICE_UNITS } from './price-units.js';

describe('QUANTA_PER_USD', () => {
  it('is 3.6 × 10^18', () => {
    expect(QUANTA_PER_USD).toBe(3_600_000_000_000_000_000n);
  });

  it('makes a 9-decimal price exact per billing unit of every quoted unit, after any whole-percent discount', () => {
    const nanoDollar = QUANTA_PER_USD / 1_000_000_000n;
    const inexact: string[] = [];
    for (const [unit, { size }] of Object.entries(PRICE_UNITS)) {
      for (let percentOff = 0n; percentOff <= 100n; percentOff += 1n) {
        if ((nanoDollar * (100n - percentOff)) % (size * 100n) !== 0n)
          inexact.push(`${unit} -${percentOff}%`);
      }
    }
    expect(inexact).toEqual([]);
  });
});

describe('parseUsd', () => {
  it.each([
    // 1 USD = 3.6e18 quanta, so 0.0375 USD = 0.0375 × 3.6e18 = 1.35e17
    ['0.0375', 135_000_000_000_000_000n],
    ['1', 3_600_000_000_000_000_000n],
    ['-12.5', -45_000_000_000_000_000_000n],
    ['0', 0n],
    // 1e-17 USD = 36 quanta, the 17th decimal always fits
    ['0.00000000000000001', 36n],
    // 5e-18 USD = 18 quanta: an 18th decimal fits when it is a multiple of 5
    ['0.000000000000000005', 18n],
  ])('parses %s exactly', (text, quanta) => {
    expect(parseUsd(text)).toBe(quanta);
  });

  it('rejects a decimal finer than one quantum', () => {
    expect(() => parseUsd('0.000000000000000001')).toThrow(
      new RangeError(
        "parseUsd: '0.000000000000000001' is finer than the money quantum (1 USD = 3600000000000000000 quanta); round it to at most 17 decimals",
      ),
    );
  });

  it.each(['1e-3', '.5', '+1', '1,5', '', ' 1'])('rejects %j as not a decimal', (text) => {
    expect(() => parseUsd(text)).toThrow(SyntaxError);
  });
});

describe('formatUsd', () => {
  it.each([
    [parseUsd('0.0375'), undefined, '0.037500000'],
    [parseUsd('1234.5'), undefined, '1234.500000000'],
    [0n, undefined, '0.000000000'],
    [parseUsd('-0.25'), undefined, '-0.250000000'],
    // 0.111 USD/hour for 1 ms = 0.111 / 3.6e6 = 0.0000000308333… USD
    [111_000_000_000n, undefined, '0.000000031'],
    [111_000_000_000n, 12, '0.000000030833'],
    // exactly half of the last place rounds away from zero: 5e-10 USD
    [parseUsd('0.0000000005'), undefined, '0.000000001'],
    [parseUsd('-0.0000000005'), undefined, '-0.000000001'],
    // just below half rounds down, and a negative amount that rounds to zero has no sign
    [parseUsd('0.0000000004'), undefined, '0.000000000'],
    [parseUsd('-0.0000000004'), undefined, '0.000000000'],
    [parseUsd('0.00000000000000001'), 17, '0.00000000000000001'],
  ])('formats %s quanta with %s decimals as %s', (amount, decimals, text) => {
    expect(formatUsd(amount, decimals)).toBe(text);
  });

  it('keeps huge amounts exact', () => {
    expect(formatUsd(parseUsd('98765432109876543.123456789'))).toBe('98765432109876543.123456789');
  });

  it.each([8, 9.5, Number.NaN])('refuses %s decimals', (decimals) => {
    expect(() => formatUsd(1n, decimals)).toThrow(
      new RangeError(
        `formatUsd: decimals must be a whole number of at least 9 (USD values keep at least 9 decimals), got ${decimals}`,
      ),
    );
  });
});

describe('toUsdNumber', () => {
  it.each([
    ['0.0375', 0.0375],
    ['1234.5', 1234.5],
    ['-0.25', -0.25],
    ['0', 0],
  ])('converts %s USD to %s', (text, value) => {
    expect(toUsdNumber(parseUsd(text))).toBe(value);
  });

  it('gives the nearest double for a repeating fraction', () => {
    // 1 ms of whisper-large-v3: 0.111 / 3.6e6 USD
    expect(toUsdNumber(111_000_000_000n)).toBe(0.111 / 3.6e6);
  });
});

describe('formatUsd on either side of its double-arithmetic range', () => {
  /** The definition: round half away from zero of amount × 10^decimals / QUANTA_PER_USD, in bigints. */
  function reference(amount: bigint, decimals: number): string {
    const magnitude = amount < 0n ? -amount : amount;
    const scaled = magnitude * 10n ** BigInt(decimals);
    let units = scaled / QUANTA_PER_USD;
    if ((scaled % QUANTA_PER_USD) * 2n >= QUANTA_PER_USD) units += 1n;
    const digits = units.toString().padStart(decimals + 1, '0');
    const sign = amount < 0n && units !== 0n ? '-' : '';
    return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }

  it('formats exactly as the bigint definition, halves and the 2^53 boundary included', () => {
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    const half = 1_800_000_000n;
    const amounts = [
      0n,
      1n,
      half - 1n,
      half,
      half + 1n,
      3_600_000_000n,
      783_000_000_000_000n,
      safe - 1n,
      safe,
      safe + 1n,
    ];
    for (const base of [safe / 1000n, safe / 1_000_000n, 10n ** 20n])
      amounts.push(base - 1n, base, base + 1n);
    // A fixed linear congruential sequence: the same 2,000 amounts on every run.
    let seed = 12_345n;
    for (let index = 0; index < 2_000; index++) {
      seed = (seed * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) % 2n ** 64n;
      amounts.push(seed >> BigInt(index % 40));
    }
    for (const amount of amounts) {
      for (const decimals of [9, 12, 15, 18]) {
        expect(formatUsd(amount, decimals)).toBe(reference(amount, decimals));
        expect(formatUsd(-amount, decimals)).toBe(reference(-amount, decimals));
      }
    }
    expect(formatUsd(half)).toBe('0.000000001');
    expect(formatUsd(half - 1n)).toBe('0.000000000');
    expect(formatUsd(-(half - 1n))).toBe('0.000000000');
  });
});
