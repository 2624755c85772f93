import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billedMilliseconds } from './billing.js';
import { decimalFromNumber, divideRoundingUp, powerOfTen } from './decimal.js';
import {
  exactSum,
  isExactProduct,
  MAX_LIMBED_QUANTA,
  nanoUsdRoundedHalfUp,
  splitHigh,
} from './exact-double.js';
import { formatQuantaUsd, formatUsd, hundreds, tens } from './money.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const QUANTA_PER_NANO_USD = 3_600_000_000n;

/** Whole numbers a double holds exactly, up to 2^80: a safe integer times a power of two. */
const exactWhole = fc
  .tuple(fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: MAX_SAFE })), fc.nat({ max: 27 }))
  .map(([mantissa, shift]) => mantissa * 2 ** shift);

describe('isExactProduct', () => {
  it('is true exactly when the double product equals the bigint product', () => {
    fc.assert(
      fc.property(exactWhole, exactWhole, (a, b) => {
        const product = a * b;
        const exact = BigInt(a) * BigInt(b);
        expect(isExactProduct(a, b, splitHigh(b), product)).toBe(BigInt(product) === exact);
      }),
      { numRuns: 20_000 },
    );
  });

  it('on the edges of 2^53', () => {
    for (const [a, b] of [
      [MAX_SAFE, 1],
      [MAX_SAFE, 2],
      [MAX_SAFE, 3],
      [2 ** 26 + 1, 2 ** 27 - 1],
      [2 ** 27 + 1, 2 ** 27 - 1],
      [3_600_000_000, 2_501_999],
      [3_600_000_000, 2_502_000],
      [350, 36_000_000_000_000],
    ] as const) {
      const product = a * b;
      expect(isExactProduct(a, b, splitHigh(b), product), `${a} × ${b}`).toBe(
        BigInt(product) === BigInt(a) * BigInt(b),
      );
    }
  });

  it('is false for a rate that is not a double exactly (NaN)', () => {
    expect(isExactProduct(3, Number.NaN, splitHigh(Number.NaN), 3 * Number.NaN)).toBe(false);
  });
});

describe('exactSum', () => {
  it('is the sum when the double sum is exact, NaN otherwise', () => {
    fc.assert(
      fc.property(exactWhole, exactWhole, (a, b) => {
        const sum = exactSum(a, b);
        const exact = BigInt(a) + BigInt(b);
        if (Number.isNaN(sum)) expect(BigInt(a + b)).not.toBe(exact);
        else expect(BigInt(sum)).toBe(exact);
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps NaN once a part was inexact', () => {
    expect(exactSum(Number.NaN, 5)).toBeNaN();
    expect(exactSum(5, Number.NaN)).toBeNaN();
    expect(exactSum(MAX_SAFE, 1)).toBe(2 ** 53);
    expect(exactSum(2 ** 53, 1)).toBeNaN();
  });
});

/** nano-dollars rounded half up, in bigints: what formatUsd shows. */
function nanoUsd(quanta: bigint): bigint {
  const units = quanta / QUANTA_PER_NANO_USD;
  return (quanta % QUANTA_PER_NANO_USD) * 2n >= QUANTA_PER_NANO_USD ? units + 1n : units;
}

describe('nanoUsdRoundedHalfUp and formatQuantaUsd', () => {
  const limbed = exactWhole.filter((quanta) => quanta <= MAX_LIMBED_QUANTA);

  it('equal the bigint division and formatUsd', () => {
    fc.assert(
      fc.property(limbed, (quanta) => {
        expect(BigInt(nanoUsdRoundedHalfUp(quanta))).toBe(nanoUsd(BigInt(quanta)));
        expect(formatQuantaUsd(quanta)).toBe(formatUsd(BigInt(quanta)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('on rounding ties, limb edges and the ends of the range', () => {
    const edges = [0, 1, 1_799_999_999, 1_800_000_000, 3_599_999_999, 3_600_000_000, 2 ** 20, 2 ** 20 - 1];
    for (let nano = 1; nano < 10 ** 13; nano *= 7) {
      const quanta = nano * 3_600_000_000;
      if (quanta <= MAX_SAFE)
        edges.push(quanta - 1, quanta, quanta + 1_800_000_000 - 1, quanta + 1_800_000_000);
    }
    edges.push(
      MAX_SAFE,
      2 ** 53,
      MAX_LIMBED_QUANTA,
      MAX_LIMBED_QUANTA - 2 ** 20,
      9_999_999_999 * 3_600_000_000,
    );
    for (const quanta of edges) {
      expect(formatQuantaUsd(quanta), String(quanta)).toBe(formatUsd(BigInt(quanta)));
    }
    // Either side of the one-division path's limit.
    for (let offset = -2_000_000; offset <= 2_000_000; offset += 99_991) {
      const quanta = MAX_SAFE + offset;
      expect(formatQuantaUsd(quanta), String(quanta)).toBe(formatUsd(BigInt(quanta)));
    }
    // Beyond the two limbs it falls back to formatUsd.
    expect(formatQuantaUsd(2 ** 80)).toBe(formatUsd(2n ** 80n));
  });
});

describe('the digit splitting of formatQuantaUsd', () => {
  it('gives the hundreds of every number below 1000 and the tens of every number below 100', () => {
    for (let value = 0; value < 1000; value++) expect(hundreds(value)).toBe(Math.floor(value / 100));
    for (let value = 0; value < 100; value++) expect(tens(value)).toBe(Math.floor(value / 10));
  });
});

/** The decimal path alone: the value the number prints as, to the ms, rounded up. */
function decimalMilliseconds(seconds: number): bigint {
  const { units, scale } = decimalFromNumber(seconds);
  return scale <= 3 ? units * powerOfTen(3 - scale) : divideRoundingUp(units, powerOfTen(scale - 3));
}

describe('billedMilliseconds', () => {
  it('equals the decimal path on every millisecond count up to 3 × 10^5 and their neighbours', () => {
    for (let milliseconds = 0; milliseconds <= 300_000; milliseconds++) {
      const seconds = milliseconds / 1000;
      for (const value of [seconds, seconds + 1e-7, Math.max(0, seconds - 1e-7)]) {
        const billed = billedMilliseconds(value);
        if (BigInt(billed) !== decimalMilliseconds(value)) {
          expect(BigInt(billed), String(value)).toBe(decimalMilliseconds(value));
        }
      }
    }
  });

  it('equals the decimal path on random durations, fractional and huge', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 2e9, noNaN: true }),
          fc.double({ min: 0, max: 1e300, noNaN: true }),
          fc.nat({ max: 10 ** 12 }).map((milliseconds) => milliseconds / 1000),
          fc.nat({ max: 10 ** 12 }).map((micros) => micros / 1e6),
        ),
        (seconds) => {
          expect(BigInt(billedMilliseconds(seconds))).toBe(decimalMilliseconds(seconds));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('bills -0 as 0, and 1e9 s and more through the decimal path', () => {
    expect(Object.is(billedMilliseconds(-0), 0)).toBe(true);
    expect(billedMilliseconds(1e9)).toBe(1_000_000_000_000n);
    expect(billedMilliseconds(999_999_999.999)).toBe(999_999_999_999);
  });
});
