import type { ServerResponse } from 'node:http';

/**
 * The responses being written, so that on shutdown every keep-alive connection closes right after
 * its current response instead of idling until its keep-alive timeout.
 */
export class InFlightResponses {
  private readonly responses = new Set<ServerResponse>();
  private closing = false;

  track(response: ServerResponse): void {
    if (this.closing) {
      response.setHeader('connection', 'close');
      return;
    }
    this.responses.add(response);
    response.on('close', () => this.responses.delete(response));
  }

  /** From now on, every response (those in flight included) closes its connection. */
  closeConnectionsAfterResponses(): void {
    this.closing = true;
    for (const response of this.responses) {
      if (!response.headersSent) response.setHeader('connection', 'close');
    }
  }
}
