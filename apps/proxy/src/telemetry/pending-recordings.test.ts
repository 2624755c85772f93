import { describe, expect, it } from 'vitest';
import { PendingRecordings } from './pending-recordings.js';

describe('PendingRecordings', () => {
  it('settles at once with nothing pending, and only once every started recording finished', async () => {
    const pending = new PendingRecordings();
    await pending.settled();
    pending.started();
    pending.started();
    let settled = false;
    const waiting = pending.settled().then(() => {
      settled = true;
    });
    pending.finished();
    await Promise.resolve();
    expect(settled).toBe(false);
    pending.finished();
    await waiting;
    expect(settled).toBe(true);
  });
});
