import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMs, formatRatio, markdownTable } from './format';

describe('result formatting', () => {
  it('prints sub-millisecond times in µs and signs added time', () => {
    expect(formatMs(0.0425)).toBe('43 µs');
    expect(formatMs(0.0425, true)).toBe('+43 µs');
    expect(formatMs(-0.012, true)).toBe('-12 µs');
    expect(formatMs(3.456)).toBe('3.46 ms');
    expect(formatMs(1234.5)).toBe('1235 ms');
  });

  it('prints bytes in B, KiB and MiB, signed for growth', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(233_368, true)).toBe('+228 KiB');
    expect(formatBytes(-40_960, true)).toBe('-40 KiB');
    expect(formatBytes(9_935_480)).toBe('9.5 MiB');
    expect(formatBytes(2_172_207_104)).toBe('2072 MiB');
  });

  it('prints counts with separators and ratios with two decimals', () => {
    expect(formatCount(565_202.65)).toBe('565,203');
    expect(formatRatio(1.0786)).toBe('1.08×');
  });

  it('builds a Markdown table with padded columns and escapes pipes in cells', () => {
    expect(
      markdownTable(
        ['case', 'median'],
        [
          ['a|b', '1 µs'],
          ['longer case', '12.34 ms'],
        ],
      ),
    ).toBe(
      [
        '| case        | median   |',
        '| ----------- | -------- |',
        '| a\\|b        | 1 µs     |',
        '| longer case | 12.34 ms |',
      ].join('\n'),
    );
  });
});
