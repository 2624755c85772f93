import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe("the exporter's createLogger", () => {
  it('redacts the given secrets and key-shaped strings even when none are given', () => {
    const lines: string[] = [];
    createLogger('info', (line) => lines.push(line), ['push-token']).warn('push refused push-token', {
      error: 'Invalid API Key gsk_live_SECRET',
    });
    createLogger('info', (line) => lines.push(line)).info('poll', { url: 'https://me:pw@api.example.com' });
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'warn', msg: 'push refused [REDACTED]', error: 'Invalid API Key gsk_[REDACTED]' },
      { level: 'info', msg: 'poll', url: 'https://[REDACTED]@api.example.com' },
    ]);
  });
});
