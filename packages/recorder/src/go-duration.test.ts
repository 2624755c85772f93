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

describe('parseGoDuration against the grammar as a regular expression', () => {
  const UNITS: Record<string, number> = {
    ns: 1e-9,
    us: 1e-6,
    µs: 1e-6,
    μs: 1e-6,
    ms: 1e-3,
    s: 1,
    m: 60,
    h: 3600,
  };
  /** The scanner's specification: segments of `(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)`, as before. */
  function reference(text: string): number | undefined {
    let rest = text.trim();
    let sign = 1;
    if (rest.startsWith('-') || rest.startsWith('+')) {
      sign = rest.startsWith('-') ? -1 : 1;
      rest = rest.slice(1);
    }
    if (rest === '0') return 0;
    if (rest.length === 0) return undefined;
    const segment = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
    let seconds = 0;
    while (segment.lastIndex < rest.length) {
      const match = segment.exec(rest);
      if (match === null) return undefined;
      seconds += Number(match[1]) * UNITS[match[2]!]!;
    }
    return sign * Number(seconds.toFixed(9));
  }

  it("agrees on every string of up to four characters from the grammar's alphabet, and on longer real ones", () => {
    const alphabet = ['0', '1', '9', '.', 'n', 'u', 'µ', 'μ', 'm', 's', 'h', 'x', '-', ' '];
    const texts: string[] = [''];
    for (let length = 1; length <= 4; length++) {
      for (const text of texts.filter((candidate) => candidate.length === length - 1)) {
        for (const character of alphabet) texts.push(text + character);
      }
    }
    texts.push(
      '2m59.56s',
      '7.66s',
      '1h2m3s',
      '500ms',
      '6m0s',
      '1.5h30m',
      '.5s',
      '5.s',
      '1m.s',
      '3µs4ns',
      '1ms2m',
    );
    for (const text of texts) expect(parseGoDuration(text), JSON.stringify(text)).toBe(reference(text));
  });

  it('agrees on 20,000 random durations of the shapes Groq sends, up to a day and beyond', () => {
    let state = 12345;
    const random = (below: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % below;
    };
    const digits = (count: number): string =>
      Array.from({ length: count }, () => String(random(10))).join('');
    const part = (unit: string): string => {
      const whole = random(4) === 0 ? '' : String(random(unit === 'h' ? 40 : 100_000));
      const fraction = random(3) === 0 ? '' : `.${digits(1 + random(10))}`;
      return `${whole === '' && fraction === '' ? '0' : whole}${fraction}${unit}`;
    };
    const shapes = [['s'], ['m', 's'], ['h', 'm', 's'], ['ms'], ['h'], ['m'], ['us'], ['s', 'ms']];
    for (let count = 0; count < 20_000; count++) {
      const units = shapes[random(shapes.length)]!;
      const text = units.map(part).join('');
      expect(parseGoDuration(text), text).toBe(reference(text));
    }
  });
});
