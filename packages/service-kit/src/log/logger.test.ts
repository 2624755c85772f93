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

  it('writes fields after time, level and msg, URL credentials redacted even without configured secrets', () => {
    const lines: string[] = [];
    createLogger('debug', (line) => lines.push(line)).debug('listening', {
      upstream: 'https://me:pw@api.example.com',
      skipped: undefined,
      port: 8787,
    });
    expect(lines[0]).toMatch(
      /^\{"time":"[^"]+","level":"debug","msg":"listening","upstream":"https:\/\/\[REDACTED\]@api\.example\.com","port":8787\}\n$/,
    );
  });

  it('writes nothing when silent', () => {
    const lines: string[] = [];
    const logger = createLogger('silent', (line) => lines.push(line));
    logger.error('boom');
    expect(lines).toEqual([]);
  });
});

describe('createLogger never logs a secret, whatever its shape', () => {
  function logged(secrets: string[], message: string, fields: Record<string, string>): string {
    const lines: string[] = [];
    createLogger('debug', (line) => lines.push(line), secrets).warn(message, fields);
    return lines.join('');
  }

  it('redacts a configured key with an embedded newline, whole and piece by piece, raw or escaped', () => {
    const key = 'gsk_first\nSECOND_PART_99';
    const line = logged([key], 'poll failed', {
      raw: `Bearer ${key}`,
      escaped: `Headers.append: ${JSON.stringify(`Bearer ${key}`)} is an invalid header value`,
      piece: 'got SECOND_PART_99 back',
    });
    expect(line).not.toMatch(/first|SECOND_PART_99/);
    expect(JSON.parse(line).piece).toBe('got [REDACTED] back');
  });

  it('redacts gsk_ keys containing _ or -, configured or not', () => {
    const line = logged([], 'bad key gsk_live_SECRET-123_x', { error: 'Invalid API Key gsk_a-b_SECRET_123' });
    expect(line).not.toMatch(/SECRET/);
    expect(JSON.parse(line)).toMatchObject({
      msg: 'bad key gsk_[REDACTED]',
      error: 'Invalid API Key gsk_[REDACTED]',
    });
  });

  it('redacts the password (and user) of any URL, and bearer tokens', () => {
    const line = logged([], 'poll', {
      url: 'https://me:hunter2@api.example.com/openai/v1/models',
      db: 'postgres://ledger:s3cret@db:5432/ledger',
      header: 'authorization: Bearer abc.def-123',
    });
    expect(line).not.toMatch(/hunter2|s3cret|abc\.def-123|me:|ledger:/);
    expect(JSON.parse(line)).toMatchObject({
      url: 'https://[REDACTED]@api.example.com/openai/v1/models',
      header: 'authorization: Bearer [REDACTED]',
    });
  });

  it('cuts a long message or field to a bounded length', () => {
    const line = logged([], 'm'.repeat(3 * 1024 * 1024), { name: 'n'.repeat(3 * 1024 * 1024) });
    expect(line.length).toBeLessThan(3000);
    expect(JSON.parse(line).name).toMatch(/^n+… \(3145728 characters\)$/);
  });
});
