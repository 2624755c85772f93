import { describe, expect, it } from 'vitest';
import {
  envValue,
  readBoolean,
  readHttpUrl,
  readLogLevel,
  readNonEmptyString,
  readPort,
  readPositiveInteger,
  readSeconds,
} from './value-readers.js';

describe('the value readers', () => {
  it('take strings (flags, environment) and JSON values (config file) alike', () => {
    expect([readPort('8787'), readPort(0), readPort(65535)]).toEqual([8787, 0, 65535]);
    expect([readPositiveInteger('1024'), readPositiveInteger(1)]).toEqual([1024, 1]);
    expect([readSeconds('0.5'), readSeconds(600)]).toEqual([0.5, 600]);
    expect([readBoolean(true), readBoolean('true'), readBoolean('1')]).toEqual([true, true, true]);
    expect([readBoolean(false), readBoolean('false'), readBoolean('0')]).toEqual([false, false, false]);
    expect(readLogLevel('silent')).toBe('silent');
    expect(readNonEmptyString('127.0.0.1')).toBe('127.0.0.1');
    expect(readHttpUrl('HTTP://prometheus:9090/', 'http://127.0.0.1:9090')).toBe('HTTP://prometheus:9090/');
  });

  const refused: [string, () => unknown, string][] = [
    ['a port out of range', () => readPort('70000'), 'expected a port number from 0 to 65535, got "70000"'],
    ['a fractional port', () => readPort(80.5), 'expected a port number from 0 to 65535, got 80.5'],
    ['a blank port', () => readPort(' '), 'expected a port number from 0 to 65535, got " "'],
    ['a zero size', () => readPositiveInteger('0'), 'expected a whole number of at least 1, got "0"'],
    [
      'a size in words',
      () => readPositiveInteger('lots'),
      'expected a whole number of at least 1, got "lots"',
    ],
    ['a negative duration', () => readSeconds('-1'), 'expected a number of seconds above 0, got "-1"'],
    [
      'an infinite duration',
      () => readSeconds('Infinity'),
      'expected a number of seconds above 0, got "Infinity"',
    ],
    ['yes for a boolean', () => readBoolean('yes'), 'expected true or false, got "yes"'],
    [
      'an unknown log level',
      () => readLogLevel('loud'),
      'expected one of debug, info, warn, error, silent, got "loud"',
    ],
    ['an empty string', () => readNonEmptyString(''), 'expected a non-empty string'],
    ['a number for a string', () => readNonEmptyString(5), 'expected a non-empty string'],
    [
      'an ftp URL',
      () => readHttpUrl('ftp://x', 'https://api.groq.com'),
      'expected an http(s) URL such as https://api.groq.com, got "ftp://x"',
    ],
    [
      'a URL that does not parse',
      () => readHttpUrl('http://', 'https://api.groq.com'),
      'expected an http(s) URL such as https://api.groq.com, got "http://"',
    ],
  ];

  it.each(refused)('refuse %s, saying what was expected and what came', (_case, read, message) => {
    expect(read).toThrow(new Error(message));
  });

  it('count an unset or blank environment variable as not given', () => {
    const env = { SET: 'x', BLANK: '  ', EMPTY: '' };
    expect([
      envValue(env, 'SET'),
      envValue(env, 'BLANK'),
      envValue(env, 'EMPTY'),
      envValue(env, 'NONE'),
    ]).toEqual(['x', undefined, undefined, undefined]);
  });
});
