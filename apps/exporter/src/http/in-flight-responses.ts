import type { ServerResponse } from 'node:http';

/** How often {@link InFlightResponses.drained} looks again. */
const DRAIN_POLL_MS = 20;

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

  /**
   * Resolves once no response tracked before shutdown is still open, or after `timeoutMs`. Until
   * then a listener should keep accepting: a new connection gets an answer (503 while shutting
   * down) rather than a refusal.
   */
  async drained(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.responses.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
  }

  /** From now on, every response (those in flight included) closes its connection. */
  closeConnectionsAfterResponses(): void {
    this.closing = true;
    for (const response of this.responses) {
      if (!response.headersSent) response.setHeader('connection', 'close');
    }
  }
}
