import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('writes one JSON object per line at or above the level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    logger.info('not shown');
    logger.warn('push refused', { status: 413 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const { time, ...rest } = JSON.parse(lines[0]!);
    expect(rest).toEqual({ level: 'warn', msg: 'push refused', status: 413 });
    expect(Number.isNaN(Date.parse(time))).toBe(false);
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const logger = createLogger('silent', (line) => lines.push(line));
    logger.error('boom');
    expect(lines).toEqual([]);
  });
});
