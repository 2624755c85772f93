import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePortsFree } from './port-check.js';

let holder: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => (holder ? holder.close(resolve) : resolve(undefined)));
  holder = undefined;
});

function occupyPort(): Promise<number> {
  return new Promise((resolve) => {
    holder = createServer();
    holder.listen(0, '127.0.0.1', () => {
      const address = holder?.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

describe('ensurePortsFree', () => {
  it('names the busy port, what needed it and the flag that moves it', async () => {
    const port = await occupyPort();
    await expect(
      ensurePortsFree([
        { port, host: '127.0.0.1', role: "the exporter's OTLP receiver", flag: '--exporter-otlp-port' },
      ]),
    ).rejects.toThrow(
      `port ${port} on 127.0.0.1 (the exporter's OTLP receiver) is already in use. ` +
        `Stop whatever holds it (see: lsof -i :${port}) or choose another with --exporter-otlp-port <port>.`,
    );
  });

  it('accepts ports nobody holds and leaves them free', async () => {
    const port = await occupyPort();
    await new Promise((resolve) => holder?.close(resolve));
    holder = undefined;
    const planned = [{ port, host: '127.0.0.1', role: 'test', flag: '--test-port' }];
    await expect(ensurePortsFree(planned)).resolves.toBeUndefined();
    await expect(ensurePortsFree(planned)).resolves.toBeUndefined();
  });
});
